package io.pgdeck.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One refresh of one reader: either a value or the reason there is none, with when it was read
 * and how long it took. Screens keep showing the last value while later refreshes fail.
 */
public record Sample<T>(T value, Throwable error, Instant readAt, Duration took) {

    public static <T> Sample<T> of(T value, Instant readAt, Duration took) {
        return new Sample<>(value, null, readAt, took);
    }

    public static <T> Sample<T> failed(Throwable error, Instant readAt, Duration took) {
        return new Sample<>(null, error, readAt, took);
    }

    public boolean ok() {
        return error == null;
    }

    public Optional<T> valueIfOk() {
        return Optional.ofNullable(value);
    }
}
