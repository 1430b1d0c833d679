MATCH (a:Actr)
RETURN a
