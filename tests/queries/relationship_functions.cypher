MATCH (a:Actor {name: "Islamic State"})<-[r:CLAIMED_BY]-(i:Incident)
RETURN DISTINCT type(r) AS type, startNode(r) = i AS starts_at_incident, endNode(r) = a AS ends_at_actor
