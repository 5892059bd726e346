SET max_parallel_workers_per_gather = 0;
WITH x AS MATERIALIZED (SELECT customer_id, sum(amount) AS s FROM orders GROUP BY customer_id)
SELECT count(*) FROM x a JOIN x b ON b.customer_id = a.customer_id + 1 WHERE a.s > b.s
