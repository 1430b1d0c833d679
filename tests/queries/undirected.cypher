MATCH (a:Actor {name: "Taliban"})--(i:Incident)
RETURN DISTINCT i.date, i.type ORDER BY i.date
