// The example from the issue: incidents Islamic State claimed, where and when.
MATCH (a:Actor {name: "Islamic State"})<-[:CLAIMED_BY]-(i:Incident)-[:OCCURRED_AT]->(l:Location)
RETURN i.date, i.type, l.name, i.killed ORDER BY i.date
