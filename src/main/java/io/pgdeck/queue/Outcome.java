package io.pgdeck.queue;

import io.pgdeck.catalog.Formats;
import java.util.List;

/** What the rows an action's statements returned mean, in one sentence for the user. */
@FunctionalInterface
public interface Outcome {

    String of(List<String> returned);

    /**
     * Statements each returning a count: "3 jobs cancelled." or, when nothing was in a state
     * the change applies to, a sentence saying so.
     */
    static Outcome counted(String noun, String changed) {
        return returned -> {
            long n = sum(returned);
            return n == 0 ? "No " + noun + " changed: none was in a state this applies to (already done, or changed meanwhile)."
                    : Formats.count(n) + " " + (n == 1 ? noun : noun + "s") + " " + changed + ".";
        };
    }

    /** A switch that returns a row when it changed something: "Queue q paused." or "Queue q was already paused." */
    static Outcome switched(String subject, String changed, String unchanged) {
        return returned -> subject + " " + (returned.isEmpty() ? unchanged : changed) + ".";
    }

    static long sum(List<String> returned) {
        return returned.stream().filter(s -> s != null && !s.isBlank()).mapToLong(Long::parseLong).sum();
    }
}
