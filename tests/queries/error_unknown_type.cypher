MATCH (a)-[:CLAIMS]->(b)
RETURN a
