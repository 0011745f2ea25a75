-- Het aantal beantwoorde contacten per maand en per kanaal.
-- Returns één rij per maand en kanaal met contacten:
--   month     date   key  de eerste dag van de maand
--   channel   text   key  het kanaal van het contact
--   contacts  count       het aantal beantwoorde contacten via dat kanaal die maand
-- :department    list  the departments whose content was used, as in contacts.department
-- :line          list  the line or lines, as in contacts.line (for example 1700)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(DATE_TRUNC('month', contacted_at) AS DATE) AS month,
    channel,
    COUNT(*) AS contacts
FROM contacts
WHERE line IN :line
  AND department IN :department
  AND contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
GROUP BY 1, 2
ORDER BY 1, 2
