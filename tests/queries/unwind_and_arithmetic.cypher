UNWIND [1, 2, 3] AS x
RETURN x, x * 2 + 1 AS y, x / 2 AS half, x % 2 AS odd, 2 ^ x AS power, -x AS neg
