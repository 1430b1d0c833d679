MATCH (i:Incident)
WHERE i.date < date("2017")
RETURN i.date, i.precision ORDER BY i.date
