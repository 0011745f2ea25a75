-- Het aandeel van elk kanaal in de beantwoorde contacten, per jaar.
-- Returns één rij per jaar en kanaal met contacten:
--   year           year     key  het kalenderjaar
--   channel        text     key  het kanaal van het contact
--   contacts       count         het aantal beantwoorde contacten via dat kanaal dat jaar
--   all_contacts   count         het aantal beantwoorde contacten via alle kanalen samen dat jaar
--   share_pct      percent       de contacten via dat kanaal als percentage van alle contacten dat jaar
-- :department    list  the departments whose content was used, as in contacts.department
-- :line          list  the line or lines, as in contacts.line (for example 1700)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    year,
    channel,
    contacts,
    CAST(SUM(contacts) OVER (PARTITION BY year) AS BIGINT) AS all_contacts,
    CAST(100.0 * contacts / SUM(contacts) OVER (PARTITION BY year) AS DOUBLE PRECISION)
        AS share_pct
FROM (
    SELECT
        CAST(EXTRACT(YEAR FROM contacted_at) AS INTEGER) AS year,
        channel,
        COUNT(*) AS contacts
    FROM contacts
    WHERE line IN :line
      AND department IN :department
      AND contacted_at >= :period_start
      AND contacted_at < CAST(:period_end AS DATE) + 1
    GROUP BY 1, 2
) AS per_channel
ORDER BY 1, 2
