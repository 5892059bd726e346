SET max_parallel_workers_per_gather = 0;
SELECT c.id, (SELECT count(*) FROM orders o WHERE o.id BETWEEN c.id * 10 AND c.id * 10 + 9) AS n
FROM customers c WHERE c.region = 1
