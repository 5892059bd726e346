-- PareL's Bull-like priority tiers (the demo's parel.queue_jobs) with jobs planted in every
-- state of every tier, read through the shipped CustomMapping.PAREL.
CREATE SCHEMA parel;
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

INSERT INTO parel.queue_jobs (queue, name, data, state, "attemptsMade", "runAt", "processedOn", "finishedOn", "failedReason", "createdAt") VALUES
 -- 1-3 high: waiting (3 minutes), active, completed a minute ago
 ('high-priority', 'xp:update', '{"userId": 1}', 'waiting', 0, now() - interval '3 minutes', NULL, NULL, NULL, now() - interval '3 minutes'),
 ('high-priority', 'message:send', '{"userId": 2}', 'active', 1, now() - interval '1 minute', now() - interval '30 seconds', NULL, NULL, now() - interval '1 minute'),
 ('high-priority', 'xp:update', '{"userId": 3}', 'completed', 1, now() - interval '2 minutes', now() - interval '2 minutes', now() - interval '1 minute', NULL, now() - interval '2 minutes'),
 -- 4-6 medium: delayed, failed twice (3 attempts used), waiting (1 minute)
 ('medium-priority', 'ai:generate', '{"userId": 4}', 'delayed', 1, now() + interval '5 minutes', NULL, NULL, NULL, now() - interval '1 minute'),
 ('medium-priority', 'ai:generate', '{"userId": 5}', 'failed', 3, now() - interval '10 minutes', now() - interval '2 minutes', NULL, 'OpenAI API error: 429 Too Many Requests', now() - interval '10 minutes'),
 ('medium-priority', 'challenge:process', '{"userId": 6}', 'waiting', 0, now() - interval '1 minute', NULL, NULL, NULL, now() - interval '1 minute'),
 -- 7-8 low: waiting (20 minutes), active for 40 minutes
 ('low-priority', 'report:generate', '{"userId": 7}', 'waiting', 0, now() - interval '20 minutes', NULL, NULL, NULL, now() - interval '20 minutes'),
 ('low-priority', 'cleanup:old-data', '{}', 'active', 1, now() - interval '41 minutes', now() - interval '40 minutes', NULL, NULL, now() - interval '41 minutes');
ANALYZE parel.queue_jobs;
