package io.pgdeck.queue.bullmq;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.sync.RedisCommands;
import io.pgdeck.queue.Count;
import io.pgdeck.queue.Job;
import io.pgdeck.queue.JobDetail;
import io.pgdeck.queue.JobError;
import io.pgdeck.queue.JobFilter;
import io.pgdeck.queue.JobPage;
import io.pgdeck.queue.QueueRef;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The job browser over BullMQ's keys: a job is its hash (name, data, opts, timestamp, delay,
 * priority, processedOn, finishedOn, atm, failedReason, stacktrace, returnvalue, pb), its state
 * the key that holds its id. A page walks the queues by name, each queue's states in BullMQ's
 * order, each key newest first by position, as BullMQ's own Queue.getJobs does (Redis has no
 * keyset over a list); kind and text are matched on the hashes read, at most {@link #EXAMINED}
 * of them per page or count.
 */
final class BullMqJobs {

    static final int EXAMINED = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<String, QueueRef> refs;

    /** @param refs the reference of a queue by name, as the adapter names its queues */
    BullMqJobs(Function<String, QueueRef> refs) {
        this.refs = refs;
    }

    JobPage page(RedisCommands<String, String> redis, String prefix, List<String> queues, JobFilter filter, long now) {
        Position at = Position.of(filter.after());
        List<Job> jobs = new ArrayList<>();
        int examined = 0;
        for (String queue : queues) {
            if (at != null && queue.compareTo(at.queue) < 0 || filter.queue() != null && !filter.queue().equals(queue)) {
                continue;
            }
            BullMqQueue q = new BullMqQueue(prefix, queue);
            for (BullMqState state : states(filter)) {
                if (at != null && queue.equals(at.queue) && state.ordinal() < at.state.ordinal()) {
                    continue;
                }
                long offset = at != null && queue.equals(at.queue) && state == at.state ? at.offset : 0;
                at = null;
                while (true) {
                    List<String> ids = range(redis, q.key(state), state, offset, offset + filter.limit() - 1);
                    if (ids.isEmpty()) {
                        break;
                    }
                    for (String jobId : ids) {
                        offset++;
                        if (jobId.startsWith("0:")) {
                            continue; // the wait list's markers before BullMQ 5.0.0 (0bac0fb, "improved markers handling")
                        }
                        examined++;
                        read(redis, q, jobId, state).filter(job -> matches(job, filter, now)).ifPresent(jobs::add);
                        if (jobs.size() == filter.limit() || examined >= EXAMINED) {
                            return new JobPage(jobs, new Position(queue, state, offset).toString());
                        }
                    }
                }
            }
        }
        return new JobPage(jobs, null);
    }

    /** Exact from the keys' sizes unless kind or text must be read from the hashes; then estimated past {@code exactBelow}. */
    Count count(RedisCommands<String, String> redis, String prefix, List<String> queues, JobFilter filter, long exactBelow,
            long now) {
        long total = 0;
        for (String queue : queues) {
            if (filter.queue() == null || filter.queue().equals(queue)) {
                for (BullMqState state : states(filter)) {
                    total += size(redis, new BullMqQueue(prefix, queue), state, filter.olderThan() == null ? null
                            : now - filter.olderThan().toMillis());
                }
            }
        }
        if (filter.kind() == null && filter.text() == null) {
            return Count.exact(total);
        }
        long examined = 0;
        long matched = 0;
        JobFilter walk = new JobFilter(filter.queue(), filter.state(), filter.libraryState(), null, null, null,
                (int) Math.min(1_000, Math.max(1, exactBelow)), filter.olderThan());
        JobPage page;
        do {
            page = page(redis, prefix, queues, walk, now);
            examined += page.jobs().size();
            matched += page.jobs().stream().filter(job -> matches(job, filter, now)).count();
            walk = walk.after(page.next());
        } while (page.hasNext() && examined < exactBelow);
        return examined >= total ? Count.exact(matched) : Count.estimate(Math.round((double) matched * total / examined));
    }

    /** Jobs in a state; for a finished state with a cut-off, those finished by then (the set's score is finishedOn). */
    static long size(RedisCommands<String, String> redis, BullMqQueue q, BullMqState state, Long finishedBy) {
        if (finishedBy != null) {
            return state.finished() ? redis.zcount(q.key(state), io.lettuce.core.Range.create(0, finishedBy)) : 0;
        }
        return state.zset ? redis.zcard(q.key(state)) : redis.llen(q.key(state));
    }

    Optional<JobDetail> detail(RedisCommands<String, String> redis, String prefix, String id) {
        Optional<JobRef> ref = JobRef.parse(id);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        BullMqQueue q = new BullMqQueue(prefix, ref.get().queue());
        String jobId = ref.get().id();
        Map<String, String> hash = redis.hgetall(q.job(jobId));
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        Job job = job(q, jobId, stateOf(redis, q, jobId), hash);
        List<JobError> errors = new ArrayList<>();
        List<String> traces = list(hash.get("stacktrace"));
        for (int i = 0; i < traces.size(); i++) {
            String trace = traces.get(i);
            errors.add(new JobError(null, i == traces.size() - 1 ? job.finishedAt() : null, trace.lines().findFirst().orElse(""),
                    trace));
        }
        if (errors.isEmpty() && job.lastError() != null) {
            errors.add(new JobError(job.attempt(), job.finishedAt(), job.lastError(), null));
        }
        // the detail's output: what the job returned, and the options it was added with
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("opts", json(hash.get("opts")));
        if (hash.get("returnvalue") != null) {
            output.put("returnvalue", parsed(hash.get("returnvalue")));
        }
        return Optional.of(new JobDetail(job, errors, write(output)));
    }

    /** Where a job's id is, as BullMQ's getState script looks (LPOS on lists, ZSCORE on sets); null when in none. */
    static BullMqState stateOf(RedisCommands<String, String> redis, BullMqQueue q, String jobId) {
        for (BullMqState state : BullMqState.values()) {
            boolean there = state.zset ? redis.zscore(q.key(state), jobId) != null : redis.lpos(q.key(state), jobId) != null;
            if (there) {
                return state;
            }
        }
        return null;
    }

    private static List<BullMqState> states(JobFilter filter) {
        return java.util.Arrays.stream(BullMqState.values())
                .filter(s -> filter.state() == null || s.shared == filter.state())
                .filter(s -> filter.libraryState() == null || s.key.equals(filter.libraryState()))
                .filter(s -> filter.olderThan() == null || s.finished())
                .toList();
    }

    private static List<String> range(RedisCommands<String, String> redis, String key, BullMqState state, long from, long to) {
        return state.zset ? redis.zrevrange(key, from, to) : redis.lrange(key, from, to);
    }

    private Optional<Job> read(RedisCommands<String, String> redis, BullMqQueue q, String jobId, BullMqState state) {
        Map<String, String> hash = redis.hgetall(q.job(jobId));
        return hash.isEmpty() ? Optional.empty() : Optional.of(job(q, jobId, state, hash));
    }

    private static boolean matches(Job job, JobFilter filter, long now) {
        if (filter.kind() != null && !filter.kind().equals(job.kind())) {
            return false;
        }
        if (filter.olderThan() != null && (job.finishedAt() == null
                || job.finishedAt().toInstant().toEpochMilli() > now - filter.olderThan().toMillis())) {
            return false;
        }
        if (filter.text() == null) {
            return true;
        }
        String text = filter.text().toLowerCase(Locale.ROOT);
        return contains(job.args(), text) || contains(job.lastError(), text);
    }

    private static boolean contains(String s, String lowerCase) {
        return s != null && s.toLowerCase(Locale.ROOT).contains(lowerCase);
    }

    private Job job(BullMqQueue q, String jobId, BullMqState state, Map<String, String> hash) {
        Map<String, Object> opts = json(hash.get("opts"));
        Long timestamp = number(hash.get("timestamp"));
        Long delay = number(hash.get("delay"));
        Long priority = number(hash.get("priority"));
        // attempts made: "atm" since BullMQ 5.0.0, "attemptsMade" before (Job.fromJSON reads both)
        Long attempts = number(hash.getOrDefault("atm", hash.get("attemptsMade")));
        return new Job(new JobRef(q.name(), jobId).toString(), refs.apply(q.name()), hash.get("name"), state == null ? null : state.key,
                state == null ? null : state.shared, priority == null || priority == 0 ? null : priority.intValue(),
                attempts == null ? 0 : attempts.intValue(),
                opts.get("attempts") instanceof Number n ? n.intValue() : null, time(timestamp),
                time(timestamp == null ? null : timestamp + (delay == null ? 0 : delay)), time(number(hash.get("processedOn"))),
                time(number(hash.get("finishedOn"))), hash.get("data"), hash.get("failedReason"), hash.get("pb"));
    }

    private static Long number(String s) {
        try {
            return s == null || s.isEmpty() ? null : Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static OffsetDateTime time(Long millis) {
        return millis == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    static Map<String, Object> json(String s) {
        try {
            return s == null ? Map.of() : JSON.readValue(s, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static List<String> list(String s) {
        try {
            return s == null ? List.of() : JSON.readValue(s, new TypeReference<List<String>>() {});
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Object parsed(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            return s;
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a page ended: the queue, the state and how far into its key. */
    private record Position(String queue, BullMqState state, long offset) {

        static Position of(String cursor) {
            if (cursor == null) {
                return null;
            }
            String[] parts = cursor.split("\t", 3);
            return new Position(parts[0], BullMqState.valueOf(parts[1]), Long.parseLong(parts[2]));
        }

        @Override
        public String toString() {
            return queue + "\t" + state.name() + "\t" + offset;
        }
    }
}
