MATCH p = (a:Actor {name: "Boko Haram"})<-[:ATTRIBUTED_TO]-(i:Incident)
RETURN p ORDER BY i.date LIMIT 1
