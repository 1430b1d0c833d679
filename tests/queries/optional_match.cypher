MATCH (i:Incident)
OPTIONAL MATCH (i)-[:CLAIMED_BY]->(a:Actor)
RETURN i.date, i.type, a.name AS claimed_by ORDER BY i.date, i.type, claimed_by
