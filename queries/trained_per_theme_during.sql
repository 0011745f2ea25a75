-- Het aantal voorlichters dat tijdens een periode opgeleid werd, per thema.
-- Returns één rij per thema:
--   theme           text   key  het thema
--   department      text       het departement of agentschap dat eigenaar is van de inhoud van het thema
--   trained_agents  count      het aantal voorlichters dat in de periode voor het thema opgeleid werd
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    th.theme,
    th.department,
    COUNT(DISTINCT t.agent_id) AS trained_agents
FROM themes AS th
LEFT JOIN agent_themes AS t
       ON t.theme = th.theme
      AND t.trained_on BETWEEN :period_start AND :period_end
GROUP BY 1, 2
ORDER BY 1
