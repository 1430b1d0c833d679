MATCH (i:Incident)
WHERE i.type = "kidnapping" OR NOT (i.killed IS NULL OR i.killed < 100)
RETURN i.type, i.killed ORDER BY i.type, i.killed
