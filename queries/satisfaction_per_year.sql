-- Tevredenheid van de bellers per jaar: het aandeel tevreden antwoorden op de enquête na een contact.
-- Returns één rij per jaar van de periode met antwoorden:
--   year           year     key  het kalenderjaar
--   responses      count         het aantal antwoorden op de enquête dat jaar
--   satisfied      count         het aantal antwoorden waarin de beller tevreden was
--   satisfied_pct  percent       de tevreden antwoorden als percentage van alle antwoorden
-- :line          text  the info line, as in survey_responses.line (for example 1700)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(EXTRACT(YEAR FROM responded_at) AS INTEGER) AS year,
    COUNT(*) AS responses,
    SUM(CASE WHEN satisfied THEN 1 ELSE 0 END) AS satisfied,
    CAST(100.0 * SUM(CASE WHEN satisfied THEN 1 ELSE 0 END) / COUNT(*) AS DOUBLE PRECISION)
        AS satisfied_pct
FROM survey_responses
WHERE line = :line
  AND responded_at >= :period_start
  AND responded_at < CAST(:period_end AS DATE) + 1
GROUP BY 1
ORDER BY 1
