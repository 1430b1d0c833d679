MATCH (i:Incident)
WHERE within(i, "Narnia")
RETURN i
