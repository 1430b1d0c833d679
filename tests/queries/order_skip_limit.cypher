MATCH (i:Incident)
WHERE i.killed IS NOT NULL
RETURN i.type, i.killed ORDER BY i.killed DESC, i.type SKIP 1 LIMIT 3
