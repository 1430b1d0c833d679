MATCH (i:Incident)-[:OCCURRED_AT]->(l:Location)
WHERE within(i, "Borno")
RETURN i.date, i.type, l.name ORDER BY i.date
