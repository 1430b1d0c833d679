MATCH (i:Incident)
RETURN CASE WHEN i.killed >= 100 THEN "100+" WHEN i.killed >= 10 THEN "10-99"
            WHEN i.killed IS NULL THEN "unknown" ELSE "under 10" END AS band,
       count(*) AS incidents
ORDER BY band
