MATCH (a:Actor {name: "Taliban"})
RETURN *
