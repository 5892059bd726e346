-- Learning Platform seed rows: users, courses, enrollments, sessions (a third of them expired,
-- waiting for the cleanup job) and two months and a bit of analytics events.
-- Time zone UTC: the demo cuts the monthly partitions at UTC month boundaries.
SET LOCAL TIME ZONE 'UTC';
SELECT setseed(0.03);

INSERT INTO learning.users (email, name, is_active, created_at)
SELECT 'learner' || g || '@learning.example',
       (ARRAY['Ada', 'Ben', 'Chen', 'Dara', 'Eli', 'Fatima', 'Gus', 'Hana'])[1 + g % 8] || ' ' || g,
       g % 17 <> 0,
       now() - random() * interval '2 years'
FROM generate_series(1, 900) AS g;

INSERT INTO learning.courses (title, description, category, status, instructor_id, created_at)
SELECT (ARRAY['Intro to', 'Advanced', 'Practical', 'Hands-on'])[1 + g % 4] || ' ' ||
       (ARRAY['PostgreSQL', 'Statistics', 'Spanish', 'Watercolour', 'Kotlin', 'Photography', 'Finance', 'UX Design'])[1 + g % 8],
       'A course of ' || (4 + g % 9) || ' modules with quizzes and a final project.',
       (ARRAY['tech', 'languages', 'arts', 'business'])[1 + g % 4],
       CASE WHEN g % 10 = 0 THEN 'DRAFT' WHEN g % 13 = 0 THEN 'ARCHIVED' ELSE 'PUBLISHED' END,
       1 + g % 25,
       now() - random() * interval '500 days'
FROM generate_series(1, 48) AS g;

INSERT INTO learning.enrollments (user_id, course_id, status, progress_pct, enrolled_at, completed_at)
SELECT 1 + (g * 7) % 900, 1 + (g * 13) % 48, st, CASE st WHEN 'COMPLETED' THEN 100 ELSE (random() * 99)::int END,
       e.enrolled, CASE WHEN st = 'COMPLETED' THEN e.enrolled + random() * interval '60 days' END
FROM generate_series(1, 3000) AS g
CROSS JOIN LATERAL (SELECT now() - random() * interval '400 days' AS enrolled,
                           (ARRAY['ACTIVE', 'ACTIVE', 'COMPLETED', 'DROPPED'])[1 + g % 4] AS st) AS e
ON CONFLICT (user_id, course_id) DO NOTHING;

INSERT INTO learning.user_sessions (user_id, token, ip_address, user_agent, created_at, last_seen_at, expires_at)
SELECT 1 + g % 900, md5('session-' || g),
       '192.168.' || (g % 200) || '.' || (1 + g % 250),
       (ARRAY['Mozilla/5.0 (Windows NT 10.0)', 'Mozilla/5.0 (Macintosh)', 'Mozilla/5.0 (iPhone)', 'okhttp/4.12'])[1 + g % 4],
       s.created, s.created + random() * interval '2 hours',
       CASE WHEN g % 3 = 0 THEN now() - random() * interval '10 days' ELSE now() + random() * interval '14 days' END
FROM generate_series(1, 3500) AS g
CROSS JOIN LATERAL (SELECT now() - random() * interval '20 days' AS created) AS s;

-- events only from the first day of the month two months back: older months have no partition
INSERT INTO learning.analytics_events (user_id, event_type, properties, "timestamp")
SELECT 1 + g % 900,
       (ARRAY['page_view', 'lesson_started', 'lesson_completed', 'quiz_submitted', 'video_paused', 'search'])[1 + g % 6],
       jsonb_build_object('course_id', 1 + g % 48, 'client', (ARRAY['web', 'ios', 'android'])[1 + g % 3]),
       w.start + random() * (now() - w.start)
FROM generate_series(1, 9000) AS g
CROSS JOIN (SELECT date_trunc('month', now()) - interval '2 months' AS start) AS w;
