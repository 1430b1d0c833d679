// Branches of Al-Qaeda, directly or through another branch.
MATCH (b:Actor)-[:PART_OF*1..3]->(:Actor {name: "Al-Qaeda"})
RETURN b.name ORDER BY b.name
