MATCH (a:Actor {name: "Boko Haram"})
RETURN a
