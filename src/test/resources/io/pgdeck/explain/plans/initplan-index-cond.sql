SET max_parallel_workers_per_gather = 0;
SELECT o.id, c.name FROM orders o JOIN customers c ON c.id = o.customer_id
WHERE o.created = (SELECT max(created) - 3 FROM orders WHERE status = 'open')
