MATCH (l:Location {name: "Kabul"})-[r:LOCATED_IN*1..3]->(p:Location)
RETURN p.name, size(r) AS hops ORDER BY hops
