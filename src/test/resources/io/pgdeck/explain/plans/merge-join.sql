SET max_parallel_workers_per_gather = 0;
SET enable_hashjoin = off;
SET enable_nestloop = off;
SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id
