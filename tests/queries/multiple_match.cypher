MATCH (a:Actor {name: "Islamic State"})
MATCH (a)<-[:PART_OF]-(b:Actor)
RETURN b.name ORDER BY b.name
