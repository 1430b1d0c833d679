MATCH (i:Incident)-[r:CLAIMED_BY]->(a:Actor)
WHERE r.mode IS NOT NULL
RETURN a.name, r.mode ORDER BY a.name
