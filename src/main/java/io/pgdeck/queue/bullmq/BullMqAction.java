package io.pgdeck.queue.bullmq;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.Steps;
import io.pgdeck.catalog.Topic;
import io.pgdeck.queue.Outcome;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An action on BullMQ queues: pgdeck's scripts doing what BullMQ's own do, one step each, through the same door as
 * every action (confirmed, audited, cancellable between two scripts). Redis runs a script
 * atomically, so there is no lock to take and nothing to wait for.
 */
record BullMqAction(ActionPlan plan, List<ScriptCall> calls, RedisLink redis, Outcome result) implements Action {

    static final String LOCK = "none: Redis runs each script atomically, and a worker's next fetch sees its result";

    static BullMqAction of(String title, List<ScriptCall> calls, String risk, RedisLink redis, Outcome outcome) {
        Set<BullMqScript> shown = new HashSet<>();
        List<String> commands = calls.stream().map(c -> c.command(shown.add(c.script()))).toList();
        return new BullMqAction(new ActionPlan(title, commands, LOCK, risk, ActionPlan.Commit.EACH_STATEMENT),
                calls, redis, outcome);
    }

    @Override
    public Optional<Steps> steps() {
        return Optional.of(index -> List.of(Long.toString(run(calls.get(index)))));
    }

    /** Runs one script; returns how many jobs it moved or removed. */
    private long run(ScriptCall call) {
        RedisCommands<String, String> redis = this.redis.commands();
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

    @Override
    public String outcome(List<String> returned) {
        return result.of(returned);
    }

    @Override
    public Set<Topic> touches() {
        return EnumSet.of(Topic.QUEUES);
    }
}
