MATCH (a:Actor {name: "Taliban"}), (b:Actor {name: "Islamic State"})
RETURN a.name, b.name
