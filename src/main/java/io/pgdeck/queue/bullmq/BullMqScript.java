package io.pgdeck.queue.bullmq;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * pgdeck's own Lua scripts, one per action, beside this class. Each does to a queue's keys what
 * the BullMQ 5.81.5 script of the same name (dist/esm/scripts/<name>.lua) does when BullMQ's
 * Job or Queue class runs it: the same keys and state moves, the same fields set or cleared on
 * the job hash, the marker and the events stream entry, with only what pgdeck's actions need
 * (each file's header lists its steps); the helpers of common.lua go after the header.
 * Redis runs each atomically, as it runs BullMQ's.
 */
enum BullMqScript {
    /** As Job.retry(state): a failed (or completed) job back to wait. */
    REPROCESS_JOB("reprocessJob-8"),
    /** As Queue.retryJobs (failed, completed) and Queue.promoteJobs (delayed). */
    MOVE_JOBS_TO_WAIT("moveJobsToWait-8"),
    /** As Job.promote: a delayed job to wait (or prioritized) now. */
    PROMOTE("promote-9"),
    /** As Queue.pause and Queue.resume. */
    PAUSE("pause-7"),
    /** As Job.remove / Queue.remove: refuses a job a worker holds the lock of. */
    REMOVE_JOB("removeJob-2"),
    /** As Queue.clean, for completed and failed jobs. */
    CLEAN_JOBS_IN_SET("cleanJobsInSet-3");

    final String file;
    final String body;
    final String sha1;

    BullMqScript(String name) {
        this.file = name + ".lua";
        try {
            String own = read(file);
            // its header first, then the helpers, then the rest: what Redis runs, and what the plan shows
            int header = 0;
            while (own.startsWith("--", header)) {
                header = own.indexOf('\n', header) + 1;
            }
            this.body = own.substring(0, header) + "\n" + read(COMMON) + own.substring(header);
            this.sha1 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The helpers every script begins with (common.lua), for what BullMQ's scripts include. */
    private static final String COMMON = "common.lua";

    private static String read(String file) {
        try (InputStream in = BullMqScript.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("pgdeck's BullMQ script " + file + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
