MATCH (a:Actor {name: "Taliban"})
RETURN a.name, a.kind, a.country, "Islamic Emirate of Afghanistan" IN a.aliases AS emirate
