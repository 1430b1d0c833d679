MATCH (a:Actor {name: "Islamc State"})
RETURN a.name
