MATCH (i:Incident)
RETURN i.type AS type, count(*) AS incidents, sum(i.killed) AS killed
ORDER BY incidents DESC, type
