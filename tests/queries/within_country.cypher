// Incidents in Afghanistan, at any place inside it.
MATCH (i:Incident)
WHERE within(i, "Afghanistan")
RETURN i.date, i.type, i.killed ORDER BY i.date
