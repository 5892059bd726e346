SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SELECT count(*) FROM orders WHERE amount > (SELECT avg(amount) FROM orders WHERE status = 'open')
