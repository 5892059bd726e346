package io.pgdeck.ui.explain;

import io.pgdeck.explain.Buffers;
import io.pgdeck.explain.NodeFigures;
import io.pgdeck.explain.PlanAnalysis;
import io.pgdeck.explain.PlanNode;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * A plan as a tree table: per node what it is, rows expected and got, loops, inclusive and
 * exclusive time with a bar of its share, and buffers.
 */
final class PlanTree {

    private static final double BAR_WIDTH = 80;

    private final TreeTableView<PlanNode> table = new TreeTableView<>();
    private PlanAnalysis analysis;

    PlanTree(String id, String placeholder) {
        table.setId(id);
        table.setShowRoot(true);
        table.setPlaceholder(new Label(placeholder));
        table.setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        TreeTableColumn<PlanNode, String> node = text("node", PlanNode::label, 400);
        table.getColumns().add(node);
        table.setTreeColumn(node);
        table.getColumns().add(bar());
        table.getColumns().add(number("self", (n, f) -> n.analyzed() ? PlanFormats.ms(f.exclusiveMs()) : "", 80));
        table.getColumns().add(number("total", (n, f) -> n.analyzed() ? PlanFormats.ms(f.inclusiveMs()) : "", 80));
        table.getColumns().add(number("est rows", (n, f) -> PlanFormats.rows(n.estimate().rows()), 80));
        table.getColumns().add(number("rows", (n, f) -> n.analyzed() ? PlanFormats.rows(n.timing().rows()) : "", 80));
        table.getColumns().add(misestimate());
        table.getColumns().add(number("loops", (n, f) -> n.analyzed() ? PlanFormats.rows(n.timing().loops()) : "", 60));
        table.getColumns().add(number("cost", (n, f) -> String.format(java.util.Locale.ROOT, "%.2f",
                n.estimate().totalCost()), 80));
        table.getColumns().add(number("hit", (n, f) -> blocks(n.buffers(), Buffers::sharedHit), 70));
        table.getColumns().add(number("read", (n, f) -> blocks(n.buffers(), Buffers::sharedRead), 70));
        table.getColumns().add(number("dirtied", (n, f) -> blocks(n.buffers(), Buffers::sharedDirtied), 70));
        table.getColumns().add(number("written", (n, f) -> blocks(n.buffers(), Buffers::sharedWritten), 70));
        table.getColumns().add(number("temp", (n, f) -> blocks(n.buffers(), Buffers::temp), 70));
        table.getColumns().add(text("detail", PlanTree::detail, 420));
    }

    TreeTableView<PlanNode> node() {
        return table;
    }

    void show(PlanAnalysis plan) {
        analysis = plan;
        table.setRoot(plan == null ? null : item(plan.plan().root()));
        if (plan != null) {
            table.getSelectionModel().select(0); // the detail pane starts at the root
        }
    }

    /** Selects a node, for an insight the user clicked. */
    void select(int nodeId) {
        select(table.getRoot(), nodeId);
    }

    private boolean select(TreeItem<PlanNode> item, int nodeId) {
        if (item == null) {
            return false;
        }
        if (item.getValue().id() == nodeId) {
            table.getSelectionModel().select(item);
            table.scrollTo(Math.max(0, table.getRow(item) - 3));
            return true;
        }
        return item.getChildren().stream().anyMatch(c -> select(c, nodeId));
    }

    private static TreeItem<PlanNode> item(PlanNode node) {
        TreeItem<PlanNode> item = new TreeItem<>(node);
        item.setExpanded(true);
        node.children().forEach(c -> item.getChildren().add(item(c)));
        return item;
    }

    private static String blocks(Buffers b, Function<Buffers, Long> value) {
        long v = value.apply(b);
        return v == 0 ? "" : PlanFormats.rows(v);
    }

    /** The conditions a DBA reads first: filter, index condition, join condition, sort key. */
    private static String detail(PlanNode n) {
        for (String key : new String[] {"Index Cond", "Filter", "Hash Cond", "Merge Cond", "Join Filter", "Recheck Cond",
                "Sort Key", "Group Key", "Sort Method"}) {
            if (n.text(key) != null) {
                return key + ": " + n.text(key);
            }
        }
        return "";
    }

    private static TreeTableColumn<PlanNode, String> text(String title, Function<PlanNode, String> value, double width) {
        TreeTableColumn<PlanNode, String> column = new TreeTableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue().getValue())));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    private TreeTableColumn<PlanNode, String> number(String title, BiFunction<PlanNode, NodeFigures, String> value,
                                                     double width) {
        TreeTableColumn<PlanNode, String> column = text(title,
                n -> analysis == null ? "" : value.apply(n, analysis.figures(n)), width);
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        return column;
    }

    private TreeTableColumn<PlanNode, PlanNode> misestimate() {
        TreeTableColumn<PlanNode, PlanNode> column = new TreeTableColumn<>("misestimate");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        column.setPrefWidth(90);
        column.setSortable(false);
        column.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(PlanNode n, boolean empty) {
                super.updateItem(n, empty);
                getStyleClass().removeAll("misestimate-high");
                if (empty || n == null || analysis == null) {
                    setText(null);
                    return;
                }
                NodeFigures f = analysis.figures(n);
                setText(Double.isNaN(f.misestimate()) ? "" : (f.underestimated() ? "↑ " : "↓ ") + PlanFormats.factor(f.misestimate()));
                if (f.misestimate() >= 10) {
                    getStyleClass().add("misestimate-high");
                }
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        return column;
    }

    /** Exclusive time as a bar: where the time goes, at a glance down the tree. */
    private TreeTableColumn<PlanNode, PlanNode> bar() {
        TreeTableColumn<PlanNode, PlanNode> column = new TreeTableColumn<>("share of time");
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().getValue()));
        column.setPrefWidth(170);
        column.setSortable(false);
        column.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(PlanNode n, boolean empty) {
                super.updateItem(n, empty);
                if (empty || n == null || analysis == null || !n.analyzed()) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                double share = analysis.figures(n).share();
                Region bar = new Region();
                bar.getStyleClass().add(share > 0.4 ? "time-bar-hot" : "time-bar");
                bar.setPrefSize(Math.max(1, share * BAR_WIDTH), 10);
                bar.setMaxHeight(10);
                Label percent = new Label(String.format(java.util.Locale.ROOT, "%.1f%%", share * 100));
                HBox box = new HBox(6, bar, percent);
                box.setAlignment(Pos.CENTER_LEFT);
                setGraphic(box);
                setText(null);
            }
        });
        return column;
    }
}
