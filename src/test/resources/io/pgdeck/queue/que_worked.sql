-- What Que's workers did with the jobs of que_jobs.sql, as the end state Que's own updates leave
-- (que-rb/que lib/que/job_methods.rb, the same in v1.2.0 and v2.4.1): a failure adds one to
-- error_count, moves run_at to now + retry_in and keeps the error's message (first 500 characters)
-- and backtrace (first 10,000); retry_in is count ** 4 + 3 seconds (lib/que/job.rb,
-- retry_interval); a failure past maximum_retry_count (15) only adds one to error_count and sets
-- expired_at; a success sets finished_at. Each is one update of the job's row, so Que's triggers see it.
DROP TABLE que_planted;

-- 5 failed twice; its next try (19 seconds after the second failure) is set 5 minutes ahead here
UPDATE que_jobs
SET error_count = 2, run_at = now() + interval '5 minutes',
    last_error_message = 'Timeout::Error: execution expired',
    last_error_backtrace = 'app/jobs/charge_card.rb:14:in `run''' || E'\n' || 'lib/que/job.rb:75'
WHERE id = 5;

-- 6 failed once and its retry is a minute overdue
UPDATE que_jobs
SET error_count = 1, run_at = now() - interval '1 minute',
    last_error_message = 'Net::ReadTimeout: Net::ReadTimeout',
    last_error_backtrace = 'app/jobs/charge_card.rb:9:in `run'''
WHERE id = 6;

-- 7 failed 15 times (the 15th set run_at 15 ** 4 + 3 seconds ahead), then once more past the limit:
-- error_count 16, expired
UPDATE que_jobs
SET error_count = 15, run_at = now() + (15 ^ 4 + 3) * interval '1 second',
    last_error_message = 'Stripe::CardError: declined',
    last_error_backtrace = 'app/jobs/charge_card.rb:21:in `run'''
WHERE id = 7;
UPDATE que_jobs SET error_count = 16, expired_at = now() WHERE id = 7;

-- 8 succeeded
UPDATE que_jobs SET finished_at = now() WHERE id = 8;
