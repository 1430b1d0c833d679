// Deaths per month of 2021.
MATCH (i:Incident)
WHERE i.date.year = 2021
RETURN i.date.month AS month, count(*) AS incidents, sum(i.killed) AS killed
ORDER BY month
