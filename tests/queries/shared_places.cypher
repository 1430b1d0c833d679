// Pairs of claimants of incidents at the same place.
MATCH (a:Actor)<-[:CLAIMED_BY]-(:Incident)-[:OCCURRED_AT]->(l:Location),
      (b:Actor)<-[:CLAIMED_BY]-(:Incident)-[:OCCURRED_AT]->(l)
WHERE a.name < b.name
RETURN DISTINCT a.name, b.name, l.name ORDER BY l.name, a.name, b.name
