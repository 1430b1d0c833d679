MATCH (l:Location {name: "Kabul"})
RETURN l.name, l.country, l.admin1, round(l.lat) AS lat, round(l.lon) AS lon, l.precision
