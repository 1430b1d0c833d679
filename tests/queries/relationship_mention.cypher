MATCH (:Actor {name: "Islamic State"})<-[r]-(i:Incident)
RETURN type(r) AS role, r.mention AS written ORDER BY role, written
