SET max_parallel_workers_per_gather = 0;
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id % 100 + 1 WHERE o.id <= 20000
