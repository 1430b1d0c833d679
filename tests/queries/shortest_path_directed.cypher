// Directed: from an incident, following edges forward only.
MATCH (i:Incident)-[:CLAIMED_BY]->(:Actor {name: "Islamic State Khorasan Province"})
MATCH p = shortestPath((i)-[*..4]->(x:Actor {name: "Islamic State"}))
RETURN length(p) AS hops, p
