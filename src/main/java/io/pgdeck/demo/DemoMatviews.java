package io.pgdeck.demo;

import static org.jooq.impl.DSL.name;

import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * The Learning Platform's analytics views (seed 003), built on each other so that the refresh
 * order matters: course analytics feed instructor performance; the learning summary feeds the
 * daily platform metrics, which have no unique index and so refresh only with an ACCESS
 * EXCLUSIVE lock.
 */
public final class DemoMatviews {

    public static final Name USER_LEARNING_SUMMARY = name("learning", "mv_user_learning_summary");
    public static final Name DAILY_PLATFORM_METRICS = name("learning", "mv_daily_platform_metrics");
    public static final Name COURSE_ANALYTICS = name("learning", "mv_course_analytics");
    public static final Name INSTRUCTOR_PERFORMANCE = name("learning", "mv_instructor_performance");

    private DemoMatviews() {}

    static void create(DSLContext db) {
        db.query("""
                CREATE MATERIALIZED VIEW {0} AS
                SELECT u.id AS user_id, count(e.id) AS enrollments,
                       count(e.id) FILTER (WHERE e.status = 'COMPLETED') AS completed,
                       coalesce(avg(e.progress_pct), 0)::numeric(5,1) AS avg_progress
                FROM learning.users u LEFT JOIN learning.enrollments e ON e.user_id = u.id
                GROUP BY u.id""", USER_LEARNING_SUMMARY).execute();
        db.query("CREATE UNIQUE INDEX {0} ON {1} (user_id)", name("idx_mv_user_learning_summary_user"),
                USER_LEARNING_SUMMARY).execute();
        db.query("""
                CREATE MATERIALIZED VIEW {0} AS
                SELECT date_trunc('day', a."timestamp")::date AS day, count(*) AS events,
                       count(DISTINCT a.user_id) AS active_users,
                       count(DISTINCT a.user_id) FILTER (WHERE s.completed > 0) AS active_finishers
                FROM learning.analytics_events a LEFT JOIN {1} s ON s.user_id = a.user_id
                GROUP BY 1""", DAILY_PLATFORM_METRICS, USER_LEARNING_SUMMARY).execute();
        db.query("""
                CREATE MATERIALIZED VIEW {0} AS
                SELECT c.id AS course_id, c.instructor_id, c.category, count(e.id) AS enrollments,
                       count(e.id) FILTER (WHERE e.status = 'COMPLETED') AS completions
                FROM learning.courses c LEFT JOIN learning.enrollments e ON e.course_id = c.id
                GROUP BY c.id""", COURSE_ANALYTICS).execute();
        db.query("CREATE UNIQUE INDEX {0} ON {1} (course_id)", name("idx_mv_course_analytics_course"),
                COURSE_ANALYTICS).execute();
        db.query("""
                CREATE MATERIALIZED VIEW {0} AS
                SELECT instructor_id, count(*) AS courses, sum(enrollments) AS students,
                       sum(completions) AS completions
                FROM {1} GROUP BY instructor_id""", INSTRUCTOR_PERFORMANCE, COURSE_ANALYTICS).execute();
        db.query("CREATE UNIQUE INDEX {0} ON {1} (instructor_id)", name("idx_mv_instructor_performance_instructor"),
                INSTRUCTOR_PERFORMANCE).execute();
        db.query("ANALYZE {0}, {1}, {2}, {3}", USER_LEARNING_SUMMARY, DAILY_PLATFORM_METRICS, COURSE_ANALYTICS,
                INSTRUCTOR_PERFORMANCE).execute();
    }
}
