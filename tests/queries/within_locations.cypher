MATCH (l:Location)
WHERE within(l, "Nigeria")
RETURN l.name, l.precision ORDER BY l.name
