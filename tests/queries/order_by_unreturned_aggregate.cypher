MATCH (a:Actor)<-[:CLAIMED_BY]-(i:Incident)
RETURN a.name ORDER BY count(*) DESC, a.name
