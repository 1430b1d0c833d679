MATCH (a:Actor)
WHERE a.name STARTS WITH "Islamic State"
RETURN a.name ORDER BY a.name
