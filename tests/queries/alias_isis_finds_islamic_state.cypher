// A name in a pattern matches aliases through the name index.
MATCH (a:Actor {name: "ISIS"})
RETURN a.name, a.kind
