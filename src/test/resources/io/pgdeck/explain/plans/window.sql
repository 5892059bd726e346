SET max_parallel_workers_per_gather = 0;
SELECT customer_id, amount, rank() OVER (PARTITION BY customer_id ORDER BY amount DESC)
FROM orders WHERE created < date '2024-03-01'
