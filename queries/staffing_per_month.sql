-- Het aantal voorlichters en voltijdse equivalenten (VTE) aan het werk in het contactcentrum op de eerste dag van elke maand.
-- Returns één rij per maand van de periode:
--   month   date    key  de eerste dag van de maand
--   agents  count        het aantal voorlichters aan het werk die dag
--   fte     number       hun aantal voltijdse equivalenten (VTE)
-- :period_start  date  first day of the period (included)
-- :period_end    date  last day of the period (included)
SELECT
    month,
    agents,
    CAST(fte AS DOUBLE PRECISION) AS fte
FROM staffing
WHERE month BETWEEN :period_start AND :period_end
ORDER BY 1
