MATCH (i:Incident)
WHERE i.summary CONTAINS "school"
RETURN i.date, i.type ORDER BY i.date
