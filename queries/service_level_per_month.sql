-- Het serviceniveau en de afgebroken oproepen en chats per maand: het aandeel van alle aangeboden oproepen en chats dat binnen een aantal seconden beantwoord werd, en het aandeel dat afgebroken werd.
-- Returns één rij per maand van de periode met oproepen of chats:
--   month              date     key  de eerste dag van de maand
--   offered            count         het aantal aangeboden oproepen en chats (beantwoord of afgebroken)
--   answered_within    count         het aantal oproepen en chats dat binnen de norm beantwoord werd
--   service_level_pct  percent       de binnen de norm beantwoorde als percentage van alle aangeboden
--   abandoned          count         het aantal afgebroken oproepen en chats
--   abandoned_pct      percent       de afgebroken als percentage van alle aangeboden
-- :line               list     the line or lines, as in contacts.line (for example 1700)
-- :channel            list     the channels with a queue, as in contacts.channel (telefoon, chat)
-- :threshold_seconds  integer  the norm: answered within this many seconds (for example 60)
-- :period_start       date     first day of the period (included)
-- :period_end         date     last day of the period (included)
SELECT
    CAST(DATE_TRUNC('month', contacted_at) AS DATE) AS month,
    COUNT(*) AS offered,
    SUM(CASE WHEN abandoned = 0 AND waiting_seconds <= :threshold_seconds THEN 1 ELSE 0 END)
        AS answered_within,
    CAST(100.0 * SUM(CASE WHEN abandoned = 0 AND waiting_seconds <= :threshold_seconds
                          THEN 1 ELSE 0 END) / COUNT(*) AS DOUBLE PRECISION) AS service_level_pct,
    SUM(abandoned) AS abandoned,
    CAST(100.0 * SUM(abandoned) / COUNT(*) AS DOUBLE PRECISION) AS abandoned_pct
FROM (
    SELECT contacted_at, waiting_seconds, 0 AS abandoned
    FROM contacts
    WHERE line IN :line AND channel IN :channel AND waiting_seconds IS NOT NULL
    UNION ALL
    SELECT contacted_at, waiting_seconds, 1 AS abandoned
    FROM abandoned_contacts
    WHERE line IN :line AND channel IN :channel
) AS offered_contacts
WHERE contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
GROUP BY 1
ORDER BY 1
