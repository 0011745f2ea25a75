-- Het aantal beantwoorde contacten per jaar en per departement of agentschap dat eigenaar is van de gebruikte inhoud.
-- Returns één rij per jaar en departement met contacten:
--   year        year   key  het kalenderjaar
--   department  text   key  het departement of agentschap dat eigenaar is van de inhoud
--   contacts    count       het aantal beantwoorde contacten over die inhoud dat jaar
-- :line          list  the line or lines, as in contacts.line (for example 1700)
-- :channel       list  the channel or channels, as in contacts.channel (for example telefoon)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(EXTRACT(YEAR FROM contacted_at) AS INTEGER) AS year,
    department,
    COUNT(*) AS contacts
FROM contacts
WHERE line IN :line
  AND channel IN :channel
  AND contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
GROUP BY 1, 2
ORDER BY 1, 2
