MATCH (i:Incident)
RETURN count(*) AS incidents, count(i.killed) AS with_deaths, sum(i.killed) AS killed,
       min(i.killed) AS fewest, max(i.killed) AS most, round(avg(i.killed)) AS mean,
       min(i.date) AS first, max(i.date) AS last
