-- The schema and data every plan of this directory was made on (PlanCorpusLiveTest runs it too).
CREATE TABLE customers (id int PRIMARY KEY, region int NOT NULL, name text NOT NULL);
INSERT INTO customers SELECT g, g % 20, 'customer ' || g FROM generate_series(1, 20100) g;
-- customer_id has no index on purpose: deleting a customer makes the FK trigger scan orders
CREATE TABLE orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, amount numeric NOT NULL,
    status text NOT NULL, created date NOT NULL);
INSERT INTO orders SELECT g, g % 20000 + 1, (g::bigint * 7919) % 1000, CASE WHEN g % 10 = 0 THEN 'open' ELSE 'done' END,
    date '2024-01-01' + g % 365 FROM generate_series(1, 300000) g;
CREATE INDEX orders_created ON orders (created);
CREATE TABLE audit (id bigserial PRIMARY KEY, order_id int NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE FUNCTION audit_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit (order_id) VALUES (NEW.id);
    RETURN NEW;
END $$;
CREATE TRIGGER orders_audit BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit_order();
CREATE TABLE events (id int NOT NULL, at date NOT NULL, kind int NOT NULL) PARTITION BY RANGE (at);
DO $$
BEGIN
    FOR i IN 0..119 LOOP
        EXECUTE format('CREATE TABLE events_%s PARTITION OF events FOR VALUES FROM (%L) TO (%L)', i,
            date '2020-01-01' + i * 7, date '2020-01-01' + (i + 1) * 7);
    END LOOP;
END $$;
INSERT INTO events SELECT g, date '2020-01-01' + g % 840, g % 7 FROM generate_series(1, 120000) g;
CREATE TABLE tree (id int PRIMARY KEY, parent int);
INSERT INTO tree SELECT g, CASE WHEN g > 1 THEN g / 2 END FROM generate_series(1, 50000) g;
VACUUM ANALYZE;
