-- Het serviceniveau per jaar: het aandeel van alle oproepen en chats (beantwoord of afgebroken) dat binnen een aantal seconden beantwoord werd.
-- Returns één rij per jaar van de periode met oproepen of chats:
--   year               year     key  het kalenderjaar
--   offered            count         het aantal aangeboden oproepen en chats (beantwoord of afgebroken)
--   answered_within    count         het aantal oproepen en chats dat binnen de norm beantwoord werd
--   service_level_pct  percent       de binnen de norm beantwoorde als percentage van alle aangeboden
-- :line               list     the line or lines, as in contacts.line (for example 1700)
-- :channel            list     the channels with a queue, as in contacts.channel (telefoon, chat)
-- :threshold_seconds  integer  the norm: answered within this many seconds (for example 60)
-- :period_start       date     first day of the period (included)
-- :period_end         date     last day of the period (included)
SELECT
    CAST(EXTRACT(YEAR FROM contacted_at) AS INTEGER) AS year,
    COUNT(*) AS offered,
    SUM(CASE WHEN answered = 1 AND waiting_seconds <= :threshold_seconds THEN 1 ELSE 0 END)
        AS answered_within,
    CAST(100.0 * SUM(CASE WHEN answered = 1 AND waiting_seconds <= :threshold_seconds
                          THEN 1 ELSE 0 END) / COUNT(*) AS DOUBLE PRECISION) AS service_level_pct
FROM (
    SELECT contacted_at, waiting_seconds, 1 AS answered
    FROM contacts
    WHERE line IN :line AND channel IN :channel AND waiting_seconds IS NOT NULL
    UNION ALL
    SELECT contacted_at, waiting_seconds, 0 AS answered
    FROM abandoned_contacts
    WHERE line IN :line AND channel IN :channel
) AS offered_contacts
WHERE contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
GROUP BY 1
ORDER BY 1
