-- Learning Platform of seed 003 ("Database Optimization Guide"): users, courses and
-- enrollments, user_sessions hash-partitioned into 8, analytics_events partitioned by month.
-- Monthly partitions of analytics_events depend on today's date: the demo creates them at start.

CREATE SCHEMA learning;

CREATE TABLE learning.users (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    is_active   boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE learning.courses (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title          text        NOT NULL,
    description    text,
    category       text        NOT NULL,
    status         text        NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'ARCHIVED')),
    instructor_id  bigint      NOT NULL REFERENCES learning.users (id),
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE learning.enrollments (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       bigint      NOT NULL REFERENCES learning.users (id),
    course_id     bigint      NOT NULL REFERENCES learning.courses (id),
    status        text        NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'COMPLETED', 'DROPPED')),
    progress_pct  smallint    NOT NULL DEFAULT 0,
    enrolled_at   timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz,
    UNIQUE (user_id, course_id)
);

CREATE INDEX idx_users_email_active ON learning.users (email) WHERE is_active;
CREATE INDEX idx_courses_status_category ON learning.courses (status, category);
CREATE INDEX idx_courses_fulltext ON learning.courses
    USING gin (to_tsvector('english', title || ' ' || coalesce(description, '')));
CREATE INDEX idx_enrollments_user_status ON learning.enrollments (user_id, status);
CREATE INDEX idx_enrollments_course ON learning.enrollments (course_id);

-- Sessions: 8 hash partitions on user_id "for even distribution". The primary key has to
-- include the partition key.
CREATE TABLE learning.user_sessions (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id       bigint      NOT NULL,
    token         text        NOT NULL,
    ip_address    text,
    user_agent    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (id, user_id)
) PARTITION BY HASH (user_id);

CREATE TABLE learning.user_sessions_p0 PARTITION OF learning.user_sessions FOR VALUES WITH (MODULUS 8, REMAINDER 0);
CREATE TABLE learning.user_sessions_p1 PARTITION OF learning.user_sessions FOR VALUES WITH (MODULUS 8, REMAINDER 1);
CREATE TABLE learning.user_sessions_p2 PARTITION OF learning.user_sessions FOR VALUES WITH (MODULUS 8, REMAINDER 2);
CREATE TABLE learning.user_sessions_p3 PARTITION OF learning.user_sessions FOR VALUES WITH (MODULUS 8, REMAINDER 3);
CREATE TABLE learning.user_sessions_p4 PARTITION OF learning.user_sessions FOR VALUES WITH (MODULUS 8, REMAINDER 4);
CREATE TABLE learning.user_sessions_p5 PARTITION OF learning.user_sessions FOR VALUES WITH (MODULUS 8, REMAINDER 5);
CREATE TABLE learning.user_sessions_p6 PARTITION OF learning.user_sessions FOR VALUES WITH (MODULUS 8, REMAINDER 6);
CREATE TABLE learning.user_sessions_p7 PARTITION OF learning.user_sessions FOR VALUES WITH (MODULUS 8, REMAINDER 7);

CREATE INDEX idx_user_sessions_token_expires ON learning.user_sessions (token, expires_at);
CREATE INDEX idx_user_sessions_expires_cleanup ON learning.user_sessions (expires_at);

-- Analytics events, one partition per month (the seed keeps 18). No DEFAULT partition: an
-- event of a month without its partition is an error for the application.
CREATE TABLE learning.analytics_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY,
    user_id     bigint,
    event_type  text        NOT NULL,
    properties  jsonb,
    "timestamp" timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (id, "timestamp")
) PARTITION BY RANGE ("timestamp");

CREATE INDEX idx_analytics_events_timestamp ON learning.analytics_events ("timestamp");
CREATE INDEX idx_analytics_events_user_timestamp ON learning.analytics_events (user_id, "timestamp");
CREATE INDEX idx_analytics_events_properties ON learning.analytics_events USING gin (properties);
