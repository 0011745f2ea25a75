-- Tevredenheid van de bellers per jaar en per lijn: het aandeel tevreden antwoorden op de enquête na een contact.
-- Returns één rij per jaar en lijn met antwoorden:
--   year           year     key  het kalenderjaar
--   line           text     key  de lijn waarop het contact binnenkwam
--   responses      count         het aantal antwoorden op de enquête
--   satisfied      count         het aantal antwoorden waarin de beller tevreden was
--   satisfied_pct  percent       de tevreden antwoorden als percentage van alle antwoorden
-- :line          list  the lines to give, as in survey_responses.line (for example 1700, Woonlijn)
-- :channel       list  the channel or channels, as in survey_responses.channel (for example telefoon)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(EXTRACT(YEAR FROM responded_at) AS INTEGER) AS year,
    line,
    COUNT(*) AS responses,
    SUM(CASE WHEN satisfied THEN 1 ELSE 0 END) AS satisfied,
    CAST(100.0 * SUM(CASE WHEN satisfied THEN 1 ELSE 0 END) / COUNT(*) AS DOUBLE PRECISION)
        AS satisfied_pct
FROM survey_responses
WHERE line IN :line
  AND channel IN :channel
  AND responded_at >= :period_start
  AND responded_at < CAST(:period_end AS DATE) + 1
GROUP BY 1, 2
ORDER BY 1, 2
