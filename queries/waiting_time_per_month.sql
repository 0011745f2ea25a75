-- De gemiddelde en de mediane wachttijd van de beantwoorde oproepen en chats, per maand.
-- Returns één rij per maand van de periode met beantwoorde contacten:
--   month                date    key  de eerste dag van de maand
--   answered             count        het aantal beantwoorde contacten met een wachttijd die maand
--   avg_wait_seconds     number       de gemiddelde wachttijd in seconden
--   median_wait_seconds  number       de mediane wachttijd in seconden (de helft wachtte korter)
-- :line          list  the line or lines, as in contacts.line (for example 1700)
-- :channel       list  the channels with a queue, as in contacts.channel (telefoon, chat)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(DATE_TRUNC('month', contacted_at) AS DATE) AS month,
    COUNT(*) AS answered,
    CAST(AVG(waiting_seconds) AS DOUBLE PRECISION) AS avg_wait_seconds,
    CAST(PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY waiting_seconds) AS DOUBLE PRECISION)
        AS median_wait_seconds
FROM contacts
WHERE line IN :line
  AND channel IN :channel
  AND waiting_seconds IS NOT NULL
  AND contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
GROUP BY 1
ORDER BY 1
