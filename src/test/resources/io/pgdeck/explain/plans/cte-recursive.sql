SET max_parallel_workers_per_gather = 0;
WITH RECURSIVE t (id, depth) AS (
    SELECT id, 0 FROM tree WHERE id = 1
    UNION ALL
    SELECT c.id, t.depth + 1 FROM tree c JOIN t ON c.parent = t.id)
SELECT max(depth), count(*) FROM t
