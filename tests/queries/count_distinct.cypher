MATCH (i:Incident)-[:OCCURRED_AT]->(l:Location)
RETURN count(DISTINCT l.country) AS countries, count(l) AS places
