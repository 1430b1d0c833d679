// Countries by incidents, then the deadliest.
MATCH (i:Incident)-[:OCCURRED_AT]->(l:Location)
WITH DISTINCT i, l.country AS country
WITH country, count(i) AS incidents, sum(i.killed) AS killed
WHERE country IS NOT NULL
RETURN country, incidents, killed ORDER BY killed DESC, country LIMIT 5
