package io.pgdeck.queue;

import java.util.List;

/**
 * One page of the job browser, newest first.
 *
 * @param next the keyset cursor for the following page (the adapter's own encoding of the last
 *     row's sort key), null on the last page
 */
public record JobPage(List<Job> jobs, String next) {

    public JobPage {
        jobs = List.copyOf(jobs);
    }

    public boolean hasNext() {
        return next != null;
    }
}
