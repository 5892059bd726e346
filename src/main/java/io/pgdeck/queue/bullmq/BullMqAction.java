package io.pgdeck.queue.bullmq;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.Steps;
import io.pgdeck.queue.JobActions;
import io.pgdeck.queue.Outcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An action on BullMQ queues: pgdeck's scripts doing what BullMQ's own do, one step each, through the same door as
 * every action (confirmed, audited, cancellable between two scripts). Redis runs a script
 * atomically, so there is no lock to take and nothing to wait for.
 */
final class BullMqAction {

    static final String LOCK = "none: Redis runs each script atomically, and a worker's next fetch sees its result";

    private BullMqAction() {}

    /** The scripts as one queue action: each call one step, its command what the confirmation shows. */
    static Action of(String title, List<ScriptCall> calls, String risk, RedisLink redis, Outcome outcome) {
        Set<BullMqScript> shown = new HashSet<>();
        List<String> commands = calls.stream().map(c -> c.command(shown.add(c.script()))).toList();
        Steps steps = index -> List.of(Long.toString(run(redis, calls.get(index))));
        return JobActions.inSteps(new ActionPlan(title, commands, LOCK, risk, ActionPlan.Commit.EACH_STATEMENT), steps,
                outcome);
    }

    /** Runs one script; returns how many jobs it moved or removed. */
    private static long run(RedisLink link, ScriptCall call) {
        RedisCommands<String, String> redis = link.commands();
        String[] keys = call.keys().toArray(String[]::new);
        String[] values = call.args().toArray(String[]::new);
        Object reply;
        try {
            reply = redis.evalsha(call.script().sha1, ScriptOutputType.MULTI, keys, values);
        } catch (RedisNoScriptException e) {
            reply = redis.eval(call.script().body, ScriptOutputType.MULTI, keys, values);
        }
        return call.moved().applyAsLong(reply instanceof List<?> list ? new ArrayList<>(list) : reply == null ? List.of()
                : List.of(reply));
    }
}
