SET max_parallel_workers_per_gather = 0;
SELECT count(*) FROM customers c
WHERE c.region = 1 AND EXISTS (SELECT 1 FROM orders o WHERE o.created = date '2024-01-01' + c.id % 365)
