INSERT INTO orders (id, customer_id, amount, status, created)
SELECT 1000000 + g, g % 100 + 1, g, 'open', date '2025-01-01' FROM generate_series(1, 2000) g
