-- Voorlichters aan het werk op een dag die opgeleid zijn voor de thema's van één departement.
-- Returns één rij:
--   trained_agents  count  het aantal voorlichters aan het werk die dag, opgeleid voor een thema van het departement
--   agents          count  het aantal voorlichters aan het werk die dag
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
