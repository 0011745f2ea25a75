-- Het gemiddelde aantal voorlichters en voltijdse equivalenten (VTE) per maand tijdens een periode, geteld op de eerste dag van elke maand.
-- Returns één rij:
--   avg_agents  number  het gemiddelde aantal voorlichters aan het werk per maand
--   avg_fte     number  het gemiddelde aantal voltijdse equivalenten (VTE) per maand
--   months      count   het aantal getelde maanden
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    CAST(AVG(agents) AS DOUBLE PRECISION) AS avg_agents,
    CAST(AVG(fte) AS DOUBLE PRECISION) AS avg_fte,
    COUNT(*) AS months
FROM staffing
WHERE month BETWEEN :period_start AND :period_end
