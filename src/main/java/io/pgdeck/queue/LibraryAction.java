package io.pgdeck.queue;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import java.util.List;
import java.util.function.Function;

/**
 * A queue action that is not a count of changed jobs (pausing a queue, moving executions between
 * tables): its plan, and how the rows its statements returned read for the user.
 */
record LibraryAction(ActionPlan plan, Function<List<String>, String> describe) implements Action {

    @Override
    public String outcome(List<String> returned) {
        return describe.apply(returned);
    }

    /** The number of rows the statements returned, in words: "3 jobs", "1 message". */
    static String counted(List<String> returned, String one, String many) {
        long n = returned.stream().filter(s -> s != null && !s.isBlank()).mapToLong(Long::parseLong).sum();
        return String.format("%,d %s", n, n == 1 ? one : many);
    }

    static long sum(List<String> returned) {
        return returned.stream().filter(s -> s != null && !s.isBlank()).mapToLong(Long::parseLong).sum();
    }

    @Override
    public java.util.Set<io.pgdeck.catalog.Topic> touches() {
        return java.util.EnumSet.of(io.pgdeck.catalog.Topic.QUEUES);
    }
}
