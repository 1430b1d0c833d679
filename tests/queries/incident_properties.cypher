MATCH (i:Incident)
WHERE i.date IS NOT NULL
RETURN i.type, i.date, i.end, i.precision, i.killed, i.injured, i.captured
ORDER BY i.date, i.type LIMIT 5
