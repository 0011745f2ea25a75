-- Het aandeel van de digitale kanalen in de beantwoorde contacten, per jaar.
-- Returns één rij per jaar van de periode met contacten:
--   year              year     key  het kalenderjaar
--   contacts          count         het aantal beantwoorde contacten via alle kanalen dat jaar
--   digital_contacts  count         het aantal beantwoorde contacten via de digitale kanalen dat jaar
--   digital_pct       percent       de digitale contacten als percentage van alle contacten dat jaar
-- :department        list  the departments whose content was used, as in contacts.department
-- :line              list  the line or lines, as in contacts.line (for example 1700)
-- :digital_channels  list  the channels that count as digital (for example e-mail, chat, webformulier)
-- :period_start      date  first day of the period (included)
-- :period_end        date  last day of the period (included)
SELECT
    CAST(EXTRACT(YEAR FROM contacted_at) AS INTEGER) AS year,
    COUNT(*) AS contacts,
    SUM(CASE WHEN channel IN :digital_channels THEN 1 ELSE 0 END) AS digital_contacts,
    CAST(100.0 * SUM(CASE WHEN channel IN :digital_channels THEN 1 ELSE 0 END) / COUNT(*)
         AS DOUBLE PRECISION) AS digital_pct
FROM contacts
WHERE line IN :line
  AND department IN :department
  AND contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
GROUP BY 1
ORDER BY 1
