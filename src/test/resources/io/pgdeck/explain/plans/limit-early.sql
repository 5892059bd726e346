SET max_parallel_workers_per_gather = 0;
SELECT * FROM orders WHERE status = 'open' LIMIT 10
