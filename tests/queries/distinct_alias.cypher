MATCH (i:Incident)
RETURN DISTINCT i.type AS type ORDER BY type
