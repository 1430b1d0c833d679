// Actor ids derive from the normalised name, so this one is stable.
MATCH (a:Actor {id: "actor:91274e6f6a8b748c"})
RETURN a.name
