package io.pgdeck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON form of a snapshot: snake_case field names taken from the record components, so they
 * stay stable as long as the records do; ISO-8601 timestamps in UTC; null where a figure does not
 * exist (a rate without a previous read, a ratio of nothing), never NaN.
 */
final class SnapshotJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private SnapshotJson() {}

    static ObjectMapper mapper() {
        return JSON;
    }

    /** One line by default, so snapshots appended to a file form JSON Lines. */
    static String write(Snapshot snapshot, boolean pretty) {
        try {
            return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(snapshot)
                    : JSON.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the snapshot as JSON", e);
        }
    }
}
