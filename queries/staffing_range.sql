-- The fewest and the most agents at work in the contact centre during a period.
-- Returns: min_agents (integer), max_agents (integer), months (integer, months with a count);
--   one row. Counts are taken on the first day of each month (table staffing).
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    MIN(agents) AS min_agents,
    MAX(agents) AS max_agents,
    COUNT(*) AS months
FROM staffing
WHERE month BETWEEN :period_start AND :period_end
