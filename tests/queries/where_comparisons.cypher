MATCH (i:Incident)
WHERE i.killed >= 50 AND i.killed <> 130
RETURN i.date, i.type, i.killed ORDER BY i.killed DESC, i.date
