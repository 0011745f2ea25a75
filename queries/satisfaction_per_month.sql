-- Tevredenheid van de bellers per maand: het aandeel tevreden antwoorden op de enquête na een contact.
-- Returns één rij per maand van de periode met antwoorden:
--   month          date     key  de eerste dag van de maand
--   responses      count         het aantal antwoorden op de enquête
--   satisfied      count         het aantal antwoorden waarin de beller tevreden was
--   satisfied_pct  percent       de tevreden antwoorden als percentage van alle antwoorden
-- :line          list  the line or lines, as in survey_responses.line (for example 1700)
-- :channel       list  the channel or channels, as in survey_responses.channel (for example telefoon)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(DATE_TRUNC('month', responded_at) AS DATE) AS month,
    COUNT(*) AS responses,
    SUM(CASE WHEN satisfied THEN 1 ELSE 0 END) AS satisfied,
    CAST(100.0 * SUM(CASE WHEN satisfied THEN 1 ELSE 0 END) / COUNT(*) AS DOUBLE PRECISION)
        AS satisfied_pct
FROM survey_responses
WHERE line IN :line
  AND channel IN :channel
  AND responded_at >= :period_start
  AND responded_at < CAST(:period_end AS DATE) + 1
GROUP BY 1
ORDER BY 1
