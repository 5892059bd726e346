SET max_parallel_workers_per_gather = 0;
CREATE TABLE orders_copy AS SELECT * FROM orders WHERE status = 'done'
