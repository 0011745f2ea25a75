-- Het aantal voorlichters aan het werk op een dag dat opgeleid is voor elk thema.
-- Returns één rij per thema:
--   theme           text   key  het thema
--   department      text       het departement of agentschap dat eigenaar is van de inhoud van het thema
--   trained_agents  count      het aantal voorlichters aan het werk die dag, opgeleid voor het thema
-- :reference_date  date  the day to count on (by default the date of the question)
SELECT
    th.theme,
    th.department,
    COUNT(DISTINCT a.agent_id) AS trained_agents
FROM themes AS th
LEFT JOIN agent_themes AS t
       ON t.theme = th.theme AND t.trained_on <= :reference_date
LEFT JOIN agents AS a
       ON a.agent_id = t.agent_id
      AND a.started_on <= :reference_date
      AND (a.left_on IS NULL OR a.left_on > :reference_date)
GROUP BY 1, 2
ORDER BY 1
