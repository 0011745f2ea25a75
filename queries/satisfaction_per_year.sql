-- Satisfaction of callers per year: the share of satisfied answers to the survey that ends a contact.
-- Returns one row per year of the period that had answers:
--   year           year     key  the calendar year
--   responses      count         answers to the survey that year
--   satisfied      count         answers that said the caller was satisfied
--   satisfied_pct  percent       satisfied answers as a percentage of all answers
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
