MATCH (a:Actor {name: "Daesh"})<-[:CLAIMED_BY]-(i:Incident)
RETURN a.name AS actor, count(i) AS claims
