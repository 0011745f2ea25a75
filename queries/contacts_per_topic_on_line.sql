-- Het aantal beantwoorde contacten per jaar en per onderwerp op één of meer lijnen, voor alle departementen.
-- Returns één rij per jaar en onderwerp met contacten:
--   year        year   key  het kalenderjaar
--   department  text   key  het departement of agentschap dat eigenaar is van de inhoud
--   topic       text   key  het onderwerp van de gebruikte inhoud
--   contacts    count       het aantal beantwoorde contacten over dat onderwerp dat jaar
-- :department    list  the departments whose content was used, as in contacts.department
-- :line          list  the line or lines, as in contacts.line (for example Woonlijn)
-- :channel       list  the channel or channels, as in contacts.channel (for example telefoon)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(EXTRACT(YEAR FROM contacted_at) AS INTEGER) AS year,
    department,
    topic,
    COUNT(*) AS contacts
FROM contacts
WHERE line IN :line
  AND department IN :department
  AND channel IN :channel
  AND contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3
