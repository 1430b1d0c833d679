// Place containment written as a pattern.
MATCH (i:Incident)-[:OCCURRED_AT]->(:Location)-[:LOCATED_IN*0..3]->(:Location {name: "Nigeria"})
RETURN DISTINCT i.date, i.type ORDER BY i.date
