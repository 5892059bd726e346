package io.pgdeck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON every command prints with {@code --json}: snake_case field names taken from the record
 * components, so they stay stable as long as the records do; ISO-8601 timestamps in UTC; null
 * where a figure does not exist (a rate without a previous read, a ratio of nothing), never NaN.
 */
public final class JsonOutput {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private JsonOutput() {}

    public static ObjectMapper mapper() {
        return JSON;
    }

    /** One line by default, so outputs appended to a file form JSON Lines. */
    public static String write(Object report, boolean pretty) {
        try {
            return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report)
                    : JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + report.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
