SET max_parallel_workers_per_gather = 0;
SELECT * FROM orders ORDER BY created, amount LIMIT 1000
