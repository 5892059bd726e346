-- InsightDesk seed rows: a dozen customer organizations, their agents and customers, four
-- months of tickets with comments, and audit log lines reaching back beyond the oldest monthly
-- partition, so the DEFAULT partition holds rows (those of the missing month and older).
-- Time zone UTC: the demo cuts the monthly partitions at UTC month boundaries.
SET LOCAL TIME ZONE 'UTC';
SELECT setseed(0.02);

INSERT INTO insightdesk.organizations (name, plan, created_at)
SELECT name, (ARRAY['starter', 'team', 'enterprise'])[1 + n % 3], now() - (400 - n * 20) * interval '1 day'
FROM unnest(ARRAY['Acme Logistics', 'Bluebird Health', 'Cobalt Bank', 'Delta Outdoor', 'Evergreen Schools',
                  'Fjord Travel', 'Granite Insurance', 'Harbor Foods', 'Ion Energy', 'Juniper Retail',
                  'Kestrel Media', 'Lumen Labs']) WITH ORDINALITY AS o(name, n);

-- users 1..36 are agents (3 per organization), the rest customers
INSERT INTO insightdesk.users (organization_id, name, email, role, created_at)
SELECT 1 + g % 12,
       (ARRAY['Alex', 'Sam', 'Robin', 'Kim', 'Jordan', 'Taylor', 'Morgan', 'Casey'])[1 + g % 8] || ' ' ||
       (ARRAY['Lee', 'Novak', 'Garcia', 'Okafor', 'Schmidt', 'Tanaka', 'Rossi'])[1 + g % 7],
       CASE WHEN g <= 36 THEN 'agent' ELSE 'customer' END || g || '@insightdesk.example',
       CASE WHEN g <= 3 THEN 'ADMIN' WHEN g <= 36 THEN 'AGENT' ELSE 'CUSTOMER' END,
       now() - random() * interval '300 days'
FROM generate_series(1, 240) AS g;

INSERT INTO insightdesk.tickets (title, description, status, priority, organization_id, assignee_id,
                                 created_by_id, first_response_at, resolved_at, created_at, updated_at)
SELECT (ARRAY['Cannot log in', 'Invoice shows the wrong amount', 'Export to CSV times out',
              'Password reset mail never arrives', 'Dashboard is slow', 'API returns 502',
              'Add a user to our plan', 'SSO configuration', 'Webhook not firing', 'Data missing after import'])[1 + g % 10]
           || ' (#' || g || ')',
       'Reported by a customer through the portal. Steps to reproduce attached.',
       st.status,
       (ARRAY['LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'URGENT'])[1 + g % 5],
       org,
       -- an agent of the same organization (user ids 1..36, organization 1 + id % 12)
       CASE WHEN st.status = 'OPEN' AND g % 3 = 0 THEN NULL
            WHEN org = 1 THEN 12 * (1 + g % 3) ELSE org - 1 + 12 * (g % 3) END,
       37 + (g % 204),
       CASE WHEN st.status <> 'OPEN' THEN c.created + random() * interval '4 hours' END,
       CASE WHEN st.status IN ('RESOLVED', 'CLOSED') THEN c.created + interval '4 hours' + random() * interval '3 days' END,
       c.created,
       c.created + random() * interval '3 days'
FROM generate_series(1, 3200) AS g
CROSS JOIN LATERAL (SELECT 1 + g % 12 AS org, now() - random() * interval '120 days' AS created) AS c
CROSS JOIN LATERAL (SELECT CASE WHEN c.created > now() - interval '3 days'
                                THEN (ARRAY['OPEN', 'IN_PROGRESS', 'PENDING'])[1 + g % 3]
                                ELSE (ARRAY['RESOLVED', 'CLOSED', 'CLOSED', 'RESOLVED', 'PENDING', 'OPEN'])[1 + g % 6]
                           END AS status) AS st;

INSERT INTO insightdesk.comments (ticket_id, user_id, body, created_at)
SELECT t.id, CASE WHEN g % 2 = 0 THEN coalesce(t.assignee_id, t.created_by_id) ELSE t.created_by_id END,
       (ARRAY['Thanks, looking into it.', 'Any update on this?', 'Could you send a screenshot?',
              'Fixed in the latest release.', 'Still happening for us.'])[1 + g % 5],
       t.created_at + g * interval '17 minutes'
FROM insightdesk.tickets AS t
CROSS JOIN generate_series(1, 2) AS g;

-- audit lines of the last ~7 months: some older than the oldest partition, some in the month
-- whose partition is missing; both end up in audit_logs_default
INSERT INTO insightdesk.audit_logs (action, entity_type, entity_id, user_id, organization_id, metadata, created_at)
SELECT (ARRAY['ticket.created', 'ticket.updated', 'ticket.assigned', 'ticket.closed', 'user.login', 'user.invited'])[1 + g % 6],
       CASE WHEN g % 6 >= 4 THEN 'user' ELSE 'ticket' END,
       (1 + g % 3200)::text,
       (1 + g % 240)::text,
       (1 + g % 12)::text,
       jsonb_build_object('ip', '10.0.' || (g % 250) || '.' || (g % 7), 'via', (ARRAY['web', 'api', 'email'])[1 + g % 3]),
       now() - random() * interval '210 days'
FROM generate_series(1, 6000) AS g;
