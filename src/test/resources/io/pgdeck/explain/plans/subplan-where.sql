SET max_parallel_workers_per_gather = 0;
SELECT count(*) FROM customers c
WHERE c.region < 3 AND 4000 < (SELECT sum(amount) FROM orders o WHERE o.id BETWEEN c.id * 10 AND c.id * 10 + 9)
