MATCH (a:Actor)<-[:CLAIMED_BY]-(i:Incident)
WITH a, i ORDER BY i.date
RETURN a.name, collect(i.type) AS claimed ORDER BY a.name
