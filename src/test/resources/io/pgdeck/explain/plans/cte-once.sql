SET max_parallel_workers_per_gather = 0;
WITH x AS MATERIALIZED (SELECT customer_id, sum(amount) AS s FROM orders GROUP BY customer_id)
SELECT count(*) FROM x WHERE s > 7000
