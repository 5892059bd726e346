package io.pgdeck.explain;

import java.util.Locale;
import java.util.Optional;

/** What to do about a slow trigger: a foreign key's depends on the index on its referencing columns. */
final class TriggerAdvice {

    private TriggerAdvice() {}

    static String of(TriggerTime trigger, Optional<ForeignKey> key) {
        String perCall = String.format(Locale.ROOT, "%.3f ms per call", trigger.calls() > 0 ? trigger.ms() / trigger.calls() : 0);
        if (trigger.foreignKeyAction()) {
            String lookup = "Each row deleted or updated in " + trigger.relation() + " makes the foreign key "
                    + trigger.constraint() + " look for the rows that reference it (" + perCall + ").";
            if (key.isEmpty()) {
                return lookup + " Check for an index on the referencing columns of " + trigger.constraint()
                        + ": without one, every call reads the whole referencing table.";
            }
            ForeignKey k = key.get();
            String columns = String.join(", ", k.columns());
            return k.indexed()
                    ? lookup + " " + k.table() + " has an index on (" + columns + "), so the time is the rows found"
                            + " and what ON DELETE/UPDATE does to them."
                    : lookup + " " + k.table() + " has no index starting with (" + columns + "), so every call reads"
                            + " the whole table: " + k.indexStatement() + ".";
        }
        if (trigger.foreignKeyCheck()) {
            return "Each row written to " + trigger.relation() + " checks that its key exists for the foreign key "
                    + trigger.constraint() + " (" + perCall + "). Many rows written in one statement pay one check"
                    + " each; loading in bulk, the key can be added after the load (ALTER TABLE ... ADD CONSTRAINT"
                    + " ... NOT VALID, then VALIDATE CONSTRAINT).";
        }
        return "The trigger's function ran " + trigger.calls() + " times (" + perCall + "): its work is the"
                + " statement's cost. Look at what it does per row; a FOR EACH STATEMENT trigger with a transition"
                + " table does it once per statement.";
    }
}
