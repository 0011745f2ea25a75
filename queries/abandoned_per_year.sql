-- Het aantal afgebroken oproepen en chats per jaar: de beller haakte in of verliet de chat voor een voorlichter antwoordde.
-- Returns één rij per jaar van de periode met oproepen of chats:
--   year           year     key  het kalenderjaar
--   offered        count         het aantal aangeboden oproepen en chats (beantwoord of afgebroken)
--   abandoned      count         het aantal afgebroken oproepen en chats
--   abandoned_pct  percent       de afgebroken als percentage van alle aangeboden
-- :line          list  the line or lines, as in contacts.line (for example 1700)
-- :channel       list  the channels with a queue, as in contacts.channel (telefoon, chat)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(EXTRACT(YEAR FROM contacted_at) AS INTEGER) AS year,
    COUNT(*) AS offered,
    SUM(abandoned) AS abandoned,
    CAST(100.0 * SUM(abandoned) / COUNT(*) AS DOUBLE PRECISION) AS abandoned_pct
FROM (
    SELECT contacted_at, 0 AS abandoned
    FROM contacts
    WHERE line IN :line AND channel IN :channel AND waiting_seconds IS NOT NULL
    UNION ALL
    SELECT contacted_at, 1 AS abandoned
    FROM abandoned_contacts
    WHERE line IN :line AND channel IN :channel
) AS offered_contacts
WHERE contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
GROUP BY 1
ORDER BY 1
