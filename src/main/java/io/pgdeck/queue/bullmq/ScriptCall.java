package io.pgdeck.queue.bullmq;

import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run of one of pgdeck's BullMQ scripts, with its keys and arguments, as a step of an action.
 *
 * @param moved how many jobs the script's reply says it moved or removed
 */
record ScriptCall(BullMqScript script, List<String> keys, List<String> args, ToLongFunction<List<Object>> moved) {

    ScriptCall {
        keys = List.copyOf(keys);
        args = List.copyOf(args);
    }

    /** A reply that is a status code: one job moved when it is {@code success}. */
    static ToLongFunction<List<Object>> succeedsWith(long success) {
        return reply -> !reply.isEmpty() && reply.get(0) instanceof Long code && code == success ? 1 : 0;
    }

    /** A reply listing the ids it removed (Queue.clean). */
    static long listed(List<Object> reply) {
        return reply.size();
    }

    /**
     * The command as Redis receives it, with the script's whole text the first time a plan runs
     * it (Redis keeps a script by its SHA-1; the runner sends that very text with EVAL when
     * Redis has not kept it).
     */
    String command(boolean firstOfItsScript) {
        String text = firstOfItsScript ? "-- pgdeck's own script for what BullMQ 5.81.5 " + script.file + " does, SHA-1 "
                + script.sha1 + ":\n" + script.body.strip() + "\n" : "";
        return text + "EVALSHA " + script.sha1 + " " + keys.size() + " "
                + Stream.concat(keys.stream(), args.stream()).map(ScriptCall::quoted).collect(Collectors.joining(" "));
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
