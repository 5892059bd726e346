package io.pgdeck.sample;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A bounded ring buffer of timestamped values for charts: memory stays flat however long the
 * console runs (a day of one-second samples is the design case).
 */
public final class History<T> {

    private final Object[] values;
    private final Instant[] times;
    private int start;
    private int size;

    public History(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.values = new Object[capacity];
        this.times = new Instant[capacity];
    }

    public synchronized void add(Instant at, T value) {
        int index = (start + size) % values.length;
        values[index] = value;
        times[index] = at;
        if (size < values.length) {
            size++;
        } else {
            start = (start + 1) % values.length;
        }
    }

    public synchronized int size() {
        return size;
    }

    public int capacity() {
        return values.length;
    }

    public synchronized List<Point<T>> points() {
        List<Point<T>> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(point(i));
        }
        return out;
    }

    /** The points at or after {@code since}, oldest first. */
    public synchronized List<Point<T>> since(Instant since) {
        List<Point<T>> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Point<T> p = point(i);
            if (!p.at().isBefore(since)) {
                out.add(p);
            }
        }
        return out;
    }

    public synchronized Point<T> latest() {
        return size == 0 ? null : point(size - 1);
    }

    @SuppressWarnings("unchecked")
    private Point<T> point(int i) {
        int index = (start + i) % values.length;
        return new Point<>(times[index], (T) values[index]);
    }

    public record Point<T>(Instant at, T value) {}
}
