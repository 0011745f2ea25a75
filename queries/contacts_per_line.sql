-- Het aantal beantwoorde contacten per jaar en per lijn (1700 en de sectorale lijnen).
-- Returns één rij per jaar en lijn met contacten:
--   year      year   key  het kalenderjaar
--   line      text   key  de lijn waarop het contact binnenkwam
--   contacts  count       het aantal beantwoorde contacten op die lijn dat jaar
-- :department    list  the departments whose content was used, as in contacts.department
-- :line          list  the lines to count, as in contacts.line (for example 1700, Woonlijn)
-- :channel       list  the channel or channels, as in contacts.channel (for example telefoon)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(EXTRACT(YEAR FROM contacted_at) AS INTEGER) AS year,
    line,
    COUNT(*) AS contacts
FROM contacts
WHERE line IN :line
  AND channel IN :channel
  AND department IN :department
  AND contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
GROUP BY 1, 2
ORDER BY 1, 2
