// WHERE equality compares the canonical name only: no alias match.
MATCH (a:Actor) WHERE a.name = "Daesh"
RETURN a.name
