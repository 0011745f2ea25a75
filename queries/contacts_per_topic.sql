-- Contacten per onderwerp en jaar waarin de voorlichters inhoud van één departement gebruikten.
-- Returns één rij per jaar en onderwerp met contacten:
--   year           year      key       het kalenderjaar
--   topic          text      key       het onderwerp van de gebruikte inhoud
--   contacts       count               het aantal contacten waarin die inhoud gebruikt werd
--   first_contact  date      optional  het eerste zulke contact in dat jaar
-- :department       text  the department that owns the content, as in contacts.department
-- :line             text  the line the contacts came in on, as in contacts.line (for example 1700)
-- :period_start     date  first day of the period (included)
-- :period_end       date  last day of the period (included)
-- :excluded_topics  list  topics left out, for example those another service answers (may be empty)
SELECT
    CAST(EXTRACT(YEAR FROM contacted_at) AS INTEGER) AS year,
    topic,
    COUNT(*) AS contacts,
    CAST(MIN(contacted_at) AS DATE) AS first_contact
FROM contacts
WHERE department = :department
  AND line = :line
  AND contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
  AND topic NOT IN :excluded_topics
GROUP BY 1, 2
ORDER BY 1, 2
