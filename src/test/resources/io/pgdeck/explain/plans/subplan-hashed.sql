SET max_parallel_workers_per_gather = 0;
SELECT count(*) FROM orders WHERE customer_id NOT IN (SELECT id FROM customers WHERE region = 1)
