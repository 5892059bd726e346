-- PareL of seed 000 ("Database & Background Jobs Tuning Guide"): users, notifications and
-- messages with the seed's composite and partial indexes, and the three priority queues
-- (high, medium, low) kept in a table shaped like BullMQ's job hash.
-- Column names are Prisma's quoted camelCase, as in the seed's index names.

CREATE SCHEMA parel;

CREATE TABLE parel.users (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email           text        NOT NULL,
    name            text        NOT NULL,
    xp              integer     NOT NULL DEFAULT 0,
    level           integer     NOT NULL DEFAULT 1,
    "createdAt"     timestamptz NOT NULL DEFAULT now(),
    "lastActiveAt"  timestamptz
);

CREATE TABLE parel.notifications (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "userId"     bigint      NOT NULL REFERENCES parel.users (id),
    type         text        NOT NULL,
    title        text        NOT NULL,
    body         text,
    "isRead"     boolean     NOT NULL DEFAULT false,
    "createdAt"  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE parel.messages (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "senderId"    bigint      NOT NULL REFERENCES parel.users (id),
    "receiverId"  bigint      NOT NULL REFERENCES parel.users (id),
    content       text        NOT NULL,
    "isRead"      boolean     NOT NULL DEFAULT false,
    "createdAt"   timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX "users_email_idx" ON parel.users (email);
CREATE INDEX "users_createdAt_idx" ON parel.users ("createdAt");
CREATE INDEX "users_xp_level_idx" ON parel.users (xp DESC, level DESC);
-- The seed's predicate (lastActiveAt > NOW() - INTERVAL '7 days') is rejected by PostgreSQL:
-- an index predicate may only use immutable functions. This is the closest that builds.
CREATE INDEX "users_lastActiveAt_idx" ON parel.users ("lastActiveAt" DESC) WHERE "lastActiveAt" IS NOT NULL;

CREATE INDEX "notifications_userId_createdAt_idx" ON parel.notifications ("userId", "createdAt");
CREATE INDEX "notifications_userId_isRead_idx" ON parel.notifications ("userId", "isRead");
CREATE INDEX "notifications_unread_idx" ON parel.notifications ("userId", "createdAt" DESC) WHERE "isRead" = false;

CREATE INDEX "messages_senderId_createdAt_idx" ON parel.messages ("senderId", "createdAt");
CREATE INDEX "messages_receiverId_createdAt_idx" ON parel.messages ("receiverId", "createdAt");
CREATE INDEX "messages_isRead_idx" ON parel.messages ("isRead") WHERE "isRead" = false;

-- The seed's 3-tier queues. BullMQ keeps them in Redis; here the same fields live in a table
-- so the queue screens have a second, differently shaped queue to show.
CREATE TABLE parel.queue_jobs (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue           text        NOT NULL CHECK (queue IN ('high-priority', 'medium-priority', 'low-priority')),
    name            text        NOT NULL,
    data            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    state           text        NOT NULL DEFAULT 'waiting'
                    CHECK (state IN ('waiting', 'delayed', 'active', 'completed', 'failed')),
    "attemptsMade"  integer     NOT NULL DEFAULT 0,
    "maxAttempts"   integer     NOT NULL DEFAULT 3,
    "runAt"         timestamptz NOT NULL DEFAULT now(),
    "processedOn"   timestamptz,
    "finishedOn"    timestamptz,
    "failedReason"  text,
    "createdAt"     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX "queue_jobs_waiting_idx" ON parel.queue_jobs (queue, "runAt", id) WHERE state IN ('waiting', 'delayed');
CREATE INDEX "queue_jobs_queue_state_idx" ON parel.queue_jobs (queue, state);
