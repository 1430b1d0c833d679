MATCH (i:Incident)
WHERE (i.killed > 0) XOR (i.injured > 0)
RETURN count(*) AS n
