MATCH (a:Actor)
WHERE NOT a.unnamed
OPTIONAL MATCH (a)<-[:CLAIMED_BY]-(i:Incident)
WITH a, count(i) AS claims
WHERE claims > 0
RETURN a.name, claims ORDER BY claims DESC, a.name
