MATCH (i:Incident)-[:REPORTED_IN]->(r:Article)
WHERE r.published >= date("2021-01-01")
RETURN DISTINCT r.title, r.published ORDER BY r.published
