MATCH (i:Incident)
WHERE i.captured IS NOT NULL
RETURN i.type, i.captured ORDER BY i.captured DESC
