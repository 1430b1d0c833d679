MATCH p = shortestPath((a:Actor {name: "Taliban"})-[*..6]-(b:Actor {name: "Islamic State"}))
UNWIND nodes(p) AS n
RETURN labels(n) AS kind, count(*) AS nodes ORDER BY kind
