MATCH (i:Incident)
RETURN i.deaths
