MATCH (i:Incident)-[r:CLAIMED_BY|ATTRIBUTED_TO]->(a:Actor)
RETURN type(r) AS role, a.name AS actor, count(*) AS incidents
ORDER BY role, incidents DESC, actor
