SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET enable_nestloop = off;
SET enable_mergejoin = off;
SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.region = 3
