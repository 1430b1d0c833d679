MATCH (a:Actor)
WHERE a.name =~ "(?i)al[- ].*"
RETURN a.name ORDER BY a.name
