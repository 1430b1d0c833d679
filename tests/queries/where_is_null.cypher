MATCH (i:Incident)
WHERE i.killed IS NULL
RETURN count(*) AS unknown_deaths
