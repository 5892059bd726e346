SET max_parallel_workers_per_gather = 0;
SET jit = on;
SET jit_above_cost = 0;
SET jit_inline_above_cost = 0;
SET jit_optimize_above_cost = 0;
SELECT status, sum(amount * 2 + 1), count(*) FROM orders WHERE amount > 10 GROUP BY status
