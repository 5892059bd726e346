-- Ages for the Procrastinate fixtures (procrastinate_2_0.sql, _2_x.sql, _3_x.sql), loaded after
-- one of them: each plants jobs 1 to 13, in the same states but for 6 to 8 in 2.0, which cannot cancel.
-- Every job's events happened this long ago (the 'deferred' event is a job's age: Procrastinate
-- keeps no enqueue time on the job); a scheduled event keeps its time.
UPDATE procrastinate_events e SET at = e.at - d.ago
FROM (VALUES (1, interval '30 minutes'), (2, interval '50 minutes'), (3, interval '40 minutes'),
             (4, interval '20 minutes'), (5, interval '4 minutes'), (6, interval '6 minutes'),
             (7, interval '15 minutes'), (8, interval '25 minutes'), (9, interval '10 minutes'),
             (10, interval '2 minutes'), (11, interval '1 minute'), (12, interval '60 minutes'),
             (13, interval '3 minutes')) AS d (job_id, ago)
WHERE e.job_id = d.job_id AND e.type <> 'scheduled';
