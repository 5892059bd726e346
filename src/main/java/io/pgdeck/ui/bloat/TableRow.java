package io.pgdeck.ui.bloat;

import io.pgdeck.catalog.ExactBloat;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.catalog.TableBloat;
import io.pgdeck.catalog.TableVacuum;

/**
 * One line of the tables list: the slow estimate and the quick vacuum counters of one table,
 * each null until its first read, and the exact figure once measured.
 */
public record TableRow(RelationName table, TableBloat estimate, TableVacuum vacuum, ExactBloat exact) {

    public long sizeBytes() {
        return estimate == null || estimate.sizeBytes() == null ? -1 : estimate.sizeBytes();
    }

    public long wastedBytes() {
        return estimate == null ? -1 : estimate.wastedBytes();
    }

    public double wastedRatio() {
        return estimate == null ? Double.NaN : estimate.wastedRatio();
    }

    public long deadTuples() {
        return vacuum == null ? -1 : vacuum.deadTuples();
    }

    public double deadRatio() {
        return vacuum == null ? Double.NaN : vacuum.deadRatio();
    }

    /** "off", "on (tuned)" or "on", with what autovacuum would do now. */
    public String autovacuum() {
        if (vacuum == null) {
            return "";
        }
        String state = !vacuum.settings().enabled() ? "off" : vacuum.tuned() ? "on (tuned)" : "on";
        if (vacuum.freezeAgeRatio() >= 1) {
            return state + ", wraparound vacuum due";
        }
        if (vacuum.vacuumDue()) {
            return state + ", vacuum due";
        }
        return vacuum.analyzeDue() ? state + ", analyze due" : state;
    }

    public double freezeAgeRatio() {
        return vacuum == null ? Double.NaN : vacuum.freezeAgeRatio();
    }

    public TableRow withEstimate(TableBloat e) {
        return new TableRow(table, e, vacuum, exact);
    }

    public TableRow withVacuum(TableVacuum v) {
        return new TableRow(table, estimate, v, exact);
    }

    public TableRow withExact(ExactBloat x) {
        return new TableRow(table, estimate, vacuum, x);
    }
}
