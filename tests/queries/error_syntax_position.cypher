MATCH (a:Actor {name: "Taliban"})
WHERE a.kind = "armed_group"
RETURN a.name,
