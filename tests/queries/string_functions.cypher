MATCH (a:Actor {name: "Islamic State"})
RETURN toUpper(a.name) AS upper, toLower(a.name) AS lower, substring(a.name, 0, 7) AS first,
       size(a.name) AS length, replace(a.name, " ", "_") AS snake, split(a.name, " ") AS words,
       coalesce(a.country, "none") AS country
