-- Het aantal beantwoorde contacten per maand op één of meer lijnen en kanalen.
-- Returns één rij per maand van de periode met contacten:
--   month     date   key  de eerste dag van de maand
--   contacts  count       het aantal beantwoorde contacten die maand
-- :department    list  the departments whose content was used, as in contacts.department
-- :line          list  the line or lines, as in contacts.line (for example 1700)
-- :channel       list  the channel or channels, as in contacts.channel (for example telefoon)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(DATE_TRUNC('month', contacted_at) AS DATE) AS month,
    COUNT(*) AS contacts
FROM contacts
WHERE line IN :line
  AND department IN :department
  AND channel IN :channel
  AND contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
GROUP BY 1
ORDER BY 1
