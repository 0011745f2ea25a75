-- Het totale aantal beantwoorde contacten op één of meer lijnen en kanalen tijdens een periode.
-- Returns één rij:
--   contacts  count  het aantal beantwoorde contacten in de periode
-- :department    list  the departments whose content was used, as in contacts.department
-- :line          list  the line or lines, as in contacts.line (for example 1700)
-- :channel       list  the channel or channels, as in contacts.channel (for example telefoon)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    COUNT(*) AS contacts
FROM contacts
WHERE line IN :line
  AND department IN :department
  AND channel IN :channel
  AND contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
