SET parallel_setup_cost = 100000000;
SET debug_parallel_query = on;
SELECT id, amount FROM orders WHERE amount = 5
