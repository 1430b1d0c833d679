MATCH (i:Incident)
WHERE i.date >= date("2021-01-01") AND i.date <= date("2021-12-31")
RETURN i.date, i.type ORDER BY i.date, i.type
