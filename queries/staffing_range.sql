-- The fewest and the most agents at work in the contact centre during a period, counted on the
-- first day of each month (table staffing).
-- Returns one row:
--   min_agents  count  the fewest agents at work on the first day of a month
--   max_agents  count  the most agents at work on the first day of a month
--   months      count  the number of months counted
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    MIN(agents) AS min_agents,
    MAX(agents) AS max_agents,
    COUNT(*) AS months
FROM staffing
WHERE month BETWEEN :period_start AND :period_end
