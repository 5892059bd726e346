-- InsightDesk: the help desk of seed 002 ("Database Performance"): organizations, users,
-- tickets and comments with the seed's indexes, audit_logs range-partitioned by month on
-- created_at, and the mv_dashboard_stats materialized view.
-- Monthly partitions of audit_logs depend on today's date: the demo creates them at start.

CREATE SCHEMA insightdesk;

CREATE TABLE insightdesk.organizations (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text        NOT NULL,
    plan        text        NOT NULL DEFAULT 'starter' CHECK (plan IN ('starter', 'team', 'enterprise')),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE insightdesk.users (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id  bigint      NOT NULL REFERENCES insightdesk.organizations (id),
    name             text        NOT NULL,
    email            text        NOT NULL UNIQUE,
    role             text        NOT NULL DEFAULT 'AGENT' CHECK (role IN ('ADMIN', 'AGENT', 'CUSTOMER')),
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE insightdesk.tickets (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title              text        NOT NULL,
    description        text,
    status             text        NOT NULL DEFAULT 'OPEN'
                       CHECK (status IN ('OPEN', 'IN_PROGRESS', 'PENDING', 'RESOLVED', 'CLOSED')),
    priority           text        NOT NULL DEFAULT 'MEDIUM'
                       CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'URGENT')),
    organization_id    bigint      NOT NULL REFERENCES insightdesk.organizations (id),
    assignee_id        bigint      REFERENCES insightdesk.users (id),
    created_by_id      bigint      NOT NULL REFERENCES insightdesk.users (id),
    first_response_at  timestamptz,
    resolved_at        timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE insightdesk.comments (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ticket_id   bigint      NOT NULL REFERENCES insightdesk.tickets (id) ON DELETE CASCADE,
    user_id     bigint      NOT NULL REFERENCES insightdesk.users (id),
    body        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- The seed's "Essential Indexes" and "Partial Indexes".
CREATE INDEX idx_tickets_assignee_id ON insightdesk.tickets (assignee_id);
CREATE INDEX idx_tickets_organization_id ON insightdesk.tickets (organization_id);
CREATE INDEX idx_tickets_created_by_id ON insightdesk.tickets (created_by_id);
CREATE INDEX idx_comments_ticket_id ON insightdesk.comments (ticket_id);
CREATE INDEX idx_comments_user_id ON insightdesk.comments (user_id);
CREATE INDEX idx_tickets_status ON insightdesk.tickets (status);
CREATE INDEX idx_tickets_created_at ON insightdesk.tickets (created_at DESC);
CREATE INDEX idx_tickets_updated_at ON insightdesk.tickets (updated_at DESC);
CREATE INDEX idx_tickets_org_status_created
    ON insightdesk.tickets (organization_id, status, created_at DESC);
CREATE INDEX idx_tickets_assignee_status
    ON insightdesk.tickets (assignee_id, status) WHERE assignee_id IS NOT NULL;
CREATE INDEX idx_tickets_search ON insightdesk.tickets
    USING gin (to_tsvector('english', title || ' ' || coalesce(description, '')));
CREATE INDEX idx_active_tickets
    ON insightdesk.tickets (created_at DESC, priority)
    WHERE status IN ('OPEN', 'IN_PROGRESS', 'PENDING');
CREATE INDEX idx_unassigned_tickets
    ON insightdesk.tickets (organization_id, priority DESC, created_at DESC)
    WHERE assignee_id IS NULL AND status = 'OPEN';

-- The seed declares the same indexes a second time in its Prisma schema (@@index), which
-- Prisma creates under its own names. Kept here as it happens in real projects: this one has
-- exactly the columns of idx_tickets_created_at, a duplicate a DBA should find.
CREATE INDEX tickets_created_at_idx ON insightdesk.tickets (created_at DESC);
CREATE INDEX tickets_status_priority_idx ON insightdesk.tickets (status, priority);

-- The seed's autovacuum settings for high-write tables.
ALTER TABLE insightdesk.tickets SET (
    autovacuum_vacuum_threshold = 50,
    autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_analyze_threshold = 50,
    autovacuum_analyze_scale_factor = 0.01
);

-- Audit trail, partitioned by month. Rows of a month without its partition land in the
-- DEFAULT partition (which then blocks creating that month's partition until they are moved).
CREATE TABLE insightdesk.audit_logs (
    id               uuid         DEFAULT gen_random_uuid(),
    action           varchar(50)  NOT NULL,
    entity_type      varchar(50)  NOT NULL,
    entity_id        varchar(50)  NOT NULL,
    user_id          varchar(50),
    organization_id  varchar(50)  NOT NULL,
    metadata         jsonb,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (id, created_at)
) PARTITION BY RANGE (created_at);

CREATE TABLE insightdesk.audit_logs_default PARTITION OF insightdesk.audit_logs DEFAULT;

CREATE INDEX idx_audit_logs_entity ON insightdesk.audit_logs (entity_type, entity_id, created_at DESC);
CREATE INDEX idx_audit_logs_org_created ON insightdesk.audit_logs (organization_id, created_at DESC);

-- Dashboard statistics of the last 90 days. The unique index is what lets
-- REFRESH MATERIALIZED VIEW CONCURRENTLY run; the seed's own index alone would not.
CREATE MATERIALIZED VIEW insightdesk.mv_dashboard_stats AS
SELECT organization_id,
       created_at::date AS date,
       status,
       priority,
       count(*) AS ticket_count,
       avg(extract(epoch FROM (first_response_at - created_at))) AS avg_first_response_seconds,
       avg(extract(epoch FROM (resolved_at - created_at))) AS avg_resolution_seconds
FROM insightdesk.tickets
WHERE created_at >= current_date - interval '90 days'
GROUP BY organization_id, created_at::date, status, priority
WITH DATA;

CREATE UNIQUE INDEX idx_mv_dashboard_unique
    ON insightdesk.mv_dashboard_stats (organization_id, date, status, priority);
CREATE INDEX idx_mv_dashboard_org_date
    ON insightdesk.mv_dashboard_stats (organization_id, date DESC);
