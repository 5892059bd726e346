package io.pgdeck.queue;

import java.util.List;

/**
 * One job with everything recorded about it.
 *
 * @param errors every recorded error, oldest first
 * @param output what the job returned or recorded as its result (JSON text), null when none
 */
public record JobDetail(Job job, List<JobError> errors, String output) {

    public JobDetail {
        errors = List.copyOf(errors);
    }
}
