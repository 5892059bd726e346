package io.pgdeck.queue.bullmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Jobs written by the real BullMQ: version {@value #VERSION} from the npm registry, installed
 * once into {@code target/bullmq-node} (outside the sources), run under Node.js by two small
 * scripts of ours beside this class that speak only BullMQ's public API: plant.mjs (Queue.add
 * with delay, priority or attempts; Worker.getNextJob with Job.moveToCompleted and
 * Job.moveToFailed; Queue.pause) and take.mjs (what a worker gets next, by Worker.getNextJob).
 * Without Node.js the tests fail with one sentence saying what to install, never skip.
 */
final class BullMqWriter implements AutoCloseable {

    static final String VERSION = "5.81.5";
    static final String PREFIX = "bull";
    private static final Path HOME = Path.of("target", "bullmq-node").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean nodeFound;

    private final int port;
    private final RedisClient client;
    private final StatefulRedisConnection<byte[], byte[]> connection;
    private final RedisCommands<byte[], byte[]> redis;

    BullMqWriter(String url) {
        install();
        port = RedisURI.create(url).getPort();
        client = RedisClient.create(url);
        connection = client.connect(ByteArrayCodec.INSTANCE);
        redis = connection.sync();
    }

    /** The steps plant.mjs runs in order, each as BullMQ's public API does it. */
    static final class Plan {
        private final ArrayNode steps = JSON.createArrayNode();

        /** Queue.add(name, data, opts) at the given time: the job's id comes back under key. */
        Plan add(String key, String name, String dataJson, Map<String, Object> opts, long at) {
            step("add", at).put("key", key).put("name", name).<ObjectNode>set("data", tree(dataJson))
                    .set("opts", JSON.valueToTree(opts));
            return this;
        }

        /** Queue.addBulk of count jobs of one name and data, at the real time. */
        Plan addMany(int count, String name, String dataJson) {
            step("addMany", null).put("count", count).put("name", name).set("data", tree(dataJson));
            return this;
        }

        /** Worker.getNextJob(token): it must be the job added under key. */
        Plan take(String key, String token, long at) {
            step("take", at).put("key", key).put("token", token);
            return this;
        }

        /** Job.moveToCompleted(returnvalue, token, false) at the given time. */
        Plan complete(String key, String token, String returnJson, long at) {
            step("complete", at).put("key", key).put("token", token).set("returnvalue", tree(returnJson));
            return this;
        }

        /** Job.moveToFailed(err, token) at the given time, err having this message and stack. */
        Plan fail(String key, String token, String reason, String stack, long at) {
            step("fail", at).put("key", key).put("token", token).put("reason", reason).put("stack", stack);
            return this;
        }

        Plan pause() {
            step("pause", null);
            return this;
        }

        private ObjectNode step(String op, Long at) {
            ObjectNode step = steps.addObject().put("op", op);
            if (at != null) {
                step.put("at", at);
            }
            return step;
        }

        private static JsonNode tree(String json) {
            try {
                return JSON.readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Plan plan() {
        return new Plan();
    }

    /** Runs the plan against the queue: the ids BullMQ gave, by the plan's keys. */
    Map<String, String> plant(String queue, Plan plan) {
        JsonNode ids = node(List.of("plant.mjs", Integer.toString(port), PREFIX, queue), plan.steps.toString());
        Map<String, String> out = new LinkedHashMap<>();
        ids.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /**
     * What BullMQ's worker delivers: up to {@code most} jobs (0: all there are) taken by
     * Worker.getNextJob(token) and each completed at once, in the order taken.
     */
    List<String> take(String queue, String token, int most) {
        JsonNode taken = node(List.of("take.mjs", Integer.toString(port), PREFIX, queue, token,
                most == 0 ? "all" : Integer.toString(most)), "");
        List<String> ids = new ArrayList<>();
        taken.forEach(id -> ids.add(id.asText()));
        return ids;
    }

    /** The next job a worker gets, or null when it gets none. */
    String take(String queue, String token) {
        List<String> one = take(queue, token, 1);
        return one.isEmpty() ? null : one.get(0);
    }

    RedisCommands<byte[], byte[]> redis() {
        return redis;
    }

    private static JsonNode node(List<String> script, String stdin) {
        List<String> command = new ArrayList<>(List.of("node", resource(script.get(0)).toString()));
        command.addAll(script.subList(1, script.size()));
        ProcessResult r = run(command, stdin);
        if (r.exit != 0) {
            throw new IllegalStateException("BullMQ " + VERSION + " " + script + " failed (" + r.exit + "): " + r.out);
        }
        try {
            String[] lines = r.out.strip().split("\n");
            return JSON.readTree(lines[lines.length - 1]);
        } catch (IOException e) {
            throw new IllegalStateException("BullMQ " + script + " printed no JSON: " + r.out, e);
        }
    }

    /** BullMQ from npm at the pinned version, once, unless target/bullmq-node already has it. */
    static synchronized Path install() {
        if (!nodeFound) {
            if (run(List.of("node", "--version"), "").exit != 0 || run(List.of("npm", "--version"), "").exit != 0) {
                throw new IllegalStateException("The BullMQ tests run the real BullMQ " + VERSION
                        + " under Node.js: install node and npm (apt-get install nodejs npm).");
            }
            nodeFound = true;
        }
        if (!VERSION.equals(installed())) {
            ProcessResult npm = run(List.of("npm", "install", "--prefix", HOME.toString(), "bullmq@" + VERSION,
                    "--no-audit", "--no-fund", "--no-save"), "");
            if (npm.exit != 0 || !VERSION.equals(installed())) {
                throw new IllegalStateException("npm could not install bullmq@" + VERSION + " into " + HOME + ": " + npm.out);
            }
        }
        return HOME;
    }

    private static String installed() {
        Path json = HOME.resolve("node_modules/bullmq/package.json");
        try {
            return Files.exists(json) ? JSON.readTree(json.toFile()).path("version").asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(BullMqWriter.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private record ProcessResult(int exit, String out) {}

    private static ProcessResult run(List<String> command, String stdin) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("BULLMQ_NODE", HOME.toString());
            Process p = builder.start();
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new ProcessResult(-1, out + " (timed out)");
            }
            return new ProcessResult(p.exitValue(), out);
        } catch (IOException e) {
            return new ProcessResult(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessResult(-1, "interrupted");
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
