MATCH (n)
RETURN labels(n) AS labels, count(*) AS nodes ORDER BY labels
