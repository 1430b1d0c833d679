MATCH (i:Incident)-[r:ATTRIBUTED_TO]->(a:Actor)
RETURN a.name, r.by ORDER BY a.name, r.by
