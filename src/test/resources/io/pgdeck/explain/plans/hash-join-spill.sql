SET max_parallel_workers_per_gather = 0;
SET work_mem = '64kB';
SET enable_mergejoin = off;
SELECT count(*) FROM orders o JOIN orders p ON p.id = o.id + 1
