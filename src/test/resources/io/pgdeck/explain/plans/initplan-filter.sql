SET max_parallel_workers_per_gather = 0;
SELECT count(*) FROM orders WHERE amount > (SELECT avg(amount) FROM orders WHERE status = 'open')
