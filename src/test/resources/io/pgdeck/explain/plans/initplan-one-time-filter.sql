SET max_parallel_workers_per_gather = 0;
SELECT id, name FROM customers WHERE region = 3 AND (SELECT count(*) FROM orders WHERE status = 'open') > 10
