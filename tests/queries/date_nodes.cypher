MATCH (i:Incident)-[:OCCURRED_ON]->(d:Date)
RETURN d.date, d.precision, count(i) AS incidents ORDER BY d.date LIMIT 5
