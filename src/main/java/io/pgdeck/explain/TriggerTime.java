package io.pgdeck.explain;

/**
 * One trigger's share of an ANALYZE run, as EXPLAIN lists it under "Triggers": its time over all
 * its calls. An AFTER trigger (every foreign key's) runs after the plan's nodes finished, so its
 * time is in the Execution Time but in no node; a BEFORE trigger's is also inside ModifyTable's.
 *
 * @param constraint the constraint the trigger enforces (a foreign key's name), null for a user trigger
 * @param relation   the table the trigger is on
 */
public record TriggerTime(String name, String constraint, String relation, double ms, long calls) {

    /**
     * PostgreSQL names a foreign key's triggers RI_ConstraintTrigger_a_OID on the referenced table
     * (the action on DELETE/UPDATE, which looks up the referencing rows) and _c_ on the referencing one.
     */
    public boolean foreignKeyAction() {
        return constraint != null && name.startsWith("RI_ConstraintTrigger_a_");
    }

    public boolean foreignKeyCheck() {
        return constraint != null && name.startsWith("RI_ConstraintTrigger_c_");
    }
}
