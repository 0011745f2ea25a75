-- Het kleinste en het grootste aantal voorlichters aan het werk in het contactcentrum tijdens een
-- periode, geteld op de eerste dag van elke maand (tabel staffing).
-- Returns één rij:
--   min_agents  count  het kleinste aantal voorlichters aan het werk op de eerste dag van een maand
--   max_agents  count  het grootste aantal voorlichters aan het werk op de eerste dag van een maand
--   months      integer  het aantal getelde maanden (geen personen: geen controle op kleine aantallen)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    MIN(agents) AS min_agents,
    MAX(agents) AS max_agents,
    COUNT(*) AS months
FROM staffing
WHERE month BETWEEN :period_start AND :period_end
