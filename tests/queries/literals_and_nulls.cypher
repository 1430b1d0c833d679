RETURN null IS NULL AS a, 1 = 1.0 AS b, null = null AS c, [1, 2] + [3] AS d,
       {k: "v"}.k AS e, "x" + 1 AS f, 7 / 2 AS g, 7.0 / 2 AS h, toInteger("42") AS i, [1, 2, 3][-1] AS j
