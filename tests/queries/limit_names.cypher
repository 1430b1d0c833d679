MATCH (a:Actor)
WHERE NOT a.unnamed
RETURN a.name ORDER BY a.name LIMIT 5
