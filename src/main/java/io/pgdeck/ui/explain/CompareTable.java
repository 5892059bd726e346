package io.pgdeck.ui.explain;

import io.pgdeck.explain.NodeFigures;
import io.pgdeck.explain.PlanNode;
import io.pgdeck.ui.Tables;
import java.util.Locale;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;

/**
 * The compare tab's table: a row per matched pair of nodes (or per node only one plan has), with
 * each side's own time and rows and how they changed. Without ANALYZE the rows are the
 * planner's estimates and the times are empty.
 */
final class CompareTable {

    private CompareTable() {}

    static TableView<NodeMatch> create(ObservableList<NodeMatch> matches) {
        TableView<NodeMatch> table = Tables.table("Pin a plan as \"before\", change the query or add an index and"
                + " explain again: each node is matched with its counterpart here");
        table.setId("plan-matches");
        table.getColumns().add(Tables.text("before", m -> m.before() == null ? "" : label(m.before()), 300));
        table.getColumns().add(Tables.text("after", m -> m.after() == null ? "" : label(m.after()), 300));
        table.getColumns().add(Tables.text("change", m -> m.change().toString(), 90));
        table.getColumns().add(number("self before", m -> self(m.before(), m.beforeFigures())));
        table.getColumns().add(number("self after", m -> self(m.after(), m.afterFigures())));
        table.getColumns().add(number("time change", CompareTable::timeChange));
        table.getColumns().add(number("rows before", m -> rows(m.before())));
        table.getColumns().add(number("rows after", m -> rows(m.after())));
        table.getColumns().forEach(c -> c.setSortable(false));
        table.setItems(matches);
        return table;
    }

    private static String label(PlanNode n) {
        return "#" + n.id() + " " + n.label();
    }

    private static javafx.scene.control.TableColumn<NodeMatch, String> number(String title,
            java.util.function.Function<NodeMatch, String> value) {
        javafx.scene.control.TableColumn<NodeMatch, String> column = Tables.text(title, value, 100);
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }

    private static String self(PlanNode n, NodeFigures f) {
        return n == null || !n.analyzed() ? "" : PlanFormats.ms(f.exclusiveMs());
    }

    /** Rows the node returned over all its loops; the planner's estimate (≈) without ANALYZE. */
    static String rows(PlanNode n) {
        if (n == null) {
            return "";
        }
        return n.analyzed() ? PlanFormats.rows(n.timing().rows() * n.timing().loops())
                : "≈ " + PlanFormats.rows(n.estimate().rows());
    }

    static String timeChange(NodeMatch m) {
        if (m.before() == null || m.after() == null || !m.before().analyzed() || !m.after().analyzed()) {
            return "";
        }
        double was = m.beforeFigures().exclusiveMs();
        double now = m.afterFigures().exclusiveMs();
        String diff = (now >= was ? "+" : "−") + PlanFormats.ms(Math.abs(now - was));
        if (was <= 0 || now <= 0 || Math.max(was, now) / Math.min(was, now) < 1.1) {
            return diff;
        }
        return diff + String.format(Locale.ROOT, " (%s)", was > now ? PlanFormats.factor(was / now) + " less"
                : PlanFormats.factor(now / was) + " more");
    }
}
