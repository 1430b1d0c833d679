MATCH p = shortestPath((a:Actor {name: "Taliban"})-[*..6]-(b:Actor {name: "Islamic State"}))
RETURN length(p) AS hops, size(relationships(p)) AS rels, size(nodes(p)) AS nodes
