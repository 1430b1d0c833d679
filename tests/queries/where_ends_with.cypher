MATCH (a:Actor)
WHERE a.name ENDS WITH "Taliban"
RETURN a.name ORDER BY a.name
