-- Agents at work on a given day who are trained for the themes of one department.
-- Returns one row:
--   trained_agents  count  agents at work that day trained for a theme of the department
--   agents          count  all agents at work that day
-- :department      text  the department that owns the themes, as in themes.department
-- :reference_date  date  the day to count on (by default the date of the question)
SELECT
    COUNT(DISTINCT CASE WHEN th.department = :department AND t.trained_on <= :reference_date
                        THEN a.agent_id END) AS trained_agents,
    COUNT(DISTINCT a.agent_id) AS agents
FROM agents AS a
LEFT JOIN agent_themes AS t ON t.agent_id = a.agent_id
LEFT JOIN themes AS th ON th.theme = t.theme
WHERE a.started_on <= :reference_date
  AND (a.left_on IS NULL OR a.left_on > :reference_date)
