package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * What running a statement under ANALYZE would do besides reading, as the server's own plan of it
 * shows (see {@link EffectProbe}). Any of it needs the user's yes; without one the statement runs in
 * a read-only transaction, which also stops a write the probe could not see.
 *
 * @param writes    one phrase each: "DELETE from public.orders", "creates a table (SELECT INTO)",
 *                  "locks rows (FOR UPDATE/SHARE)", "fires trigger audit on public.orders (audit_row())"
 * @param calls     volatile functions the plan evaluates that are not known to be harmless: "pg_cancel_backend()"
 * @param sequences sequences it advances, as the plan names them: "orders_id_seq"; they are not rolled back
 */
public record SideEffects(List<String> writes, List<String> calls, List<String> sequences) {

    public static final SideEffects NONE = new SideEffects(List.of(), List.of(), List.of());

    public SideEffects {
        writes = List.copyOf(writes);
        calls = List.copyOf(calls);
        sequences = List.copyOf(sequences);
    }

    public boolean none() {
        return writes.isEmpty() && calls.isEmpty() && sequences.isEmpty();
    }

    /** Everything found, one phrase each, for a confirmation: "DELETE from public.orders, calls log_it()". */
    public List<String> phrases() {
        List<String> all = new ArrayList<>(writes);
        calls.forEach(c -> all.add("calls " + c));
        sequences.forEach(s -> all.add("advances sequence " + s));
        return all;
    }

    public String describe() {
        return String.join(", ", phrases());
    }
}
