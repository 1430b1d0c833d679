// Groups active in the same countries as Islamic State.
MATCH (x:Actor {name: "Islamic State"})<-[:CLAIMED_BY|PERPETRATED_BY]-(:Incident)-[:OCCURRED_AT]->(:Location)
      -[:LOCATED_IN*0..3]->(c:Location {precision: "country"})
MATCH (c)<-[:LOCATED_IN*0..3]-(:Location)<-[:OCCURRED_AT]-(:Incident)-[:CLAIMED_BY|PERPETRATED_BY|ATTRIBUTED_TO]->(g:Actor)
WHERE g <> x AND NOT g.unnamed
RETURN DISTINCT c.name AS country, g.name AS group ORDER BY country, group
