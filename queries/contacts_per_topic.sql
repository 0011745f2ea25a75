-- Contacts per topic and year in which agents used content owned by one department.
-- Returns one row per year and topic that had contacts:
--   year           year      key       the calendar year
--   topic          text      key       the topic of the content used
--   contacts       count               contacts in which that content was used
--   first_contact  date      optional  the first such contact in that year
-- :department       text  the department that owns the content, as in contacts.department
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
  AND contacted_at >= :period_start
  AND contacted_at < CAST(:period_end AS DATE) + 1
  AND topic NOT IN :excluded_topics
GROUP BY 1, 2
ORDER BY 1, 2
