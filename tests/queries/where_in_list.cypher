MATCH (i:Incident)
WHERE i.type IN ["kidnapping", "hostage_taking"]
RETURN i.date, i.type ORDER BY i.date
