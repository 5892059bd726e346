package io.pgdeck.ui.statements;

import io.pgdeck.action.ResetStatementStatsAction;
import io.pgdeck.catalog.ActiveQueryGroup;
import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.StatementKey;
import io.pgdeck.catalog.StatementsRead;
import io.pgdeck.sample.Sample;
import io.pgdeck.sample.StatementDeltas;
import io.pgdeck.sample.StatementRates;
import io.pgdeck.sample.StatementWindow;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.UiExecutor;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Slow queries: pg_stat_statements as rates over a window the user picks, filtered by text,
 * database and user, with the selected statement's text and history; pgdeck's own monitoring
 * statements are left out unless asked for. Without pg_stat_statements
 * it says what to change and shows the active queries grouped from pg_stat_activity instead.
 *
 * <p>Deltas are computed on the sampler's thread as reads arrive; only the finished rows are
 * posted to the JavaFX thread.
 */
public final class StatementsViewModel {

    public static final String ALL_DATABASES = "all databases";
    public static final String ALL_USERS = "all users";

    private final UiExecutor ui;
    private final ActionDoor actions;
    private final Consumer<String> explainer;
    private final StatementDeltas deltas = new StatementDeltas();
    private final Freshness freshness = new Freshness();
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper hidden = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper planningTracked = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<StatementWindow> window = new SimpleObjectProperty<>(StatementWindow.LAST_5_MINUTES);
    private final StringProperty textFilter = new SimpleStringProperty("");
    private final ObjectProperty<String> database = new SimpleObjectProperty<>(ALL_DATABASES);
    private final ObjectProperty<String> user = new SimpleObjectProperty<>(ALL_USERS);
    private final BooleanProperty showOwn = new SimpleBooleanProperty(false);
    private final ObservableList<String> databases = FXCollections.observableArrayList(ALL_DATABASES);
    private final ObservableList<String> users = FXCollections.observableArrayList(ALL_USERS);
    private final ObservableList<StatementRates> all = FXCollections.observableArrayList();
    private final FilteredList<StatementRates> statements = new FilteredList<>(all);
    private final ObjectProperty<StatementKey> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<StatementDetail> detail = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ObservableList<ActiveQueryGroup> activeQueries = FXCollections.observableArrayList();
    private volatile StatementWindow currentWindow = window.get();
    private volatile StatementKey currentSelection;

    /**
     * @param explainer opens a statement's text in the EXPLAIN workbench
     * @param hint what to change to get pg_stat_statements ({@code Capabilities.hint(STATEMENTS)}), or empty
     */
    public StatementsViewModel(UiExecutor ui, ActionDoor actions, Consumer<String> explainer,
                               String hint) {
        this.ui = ui;
        this.actions = actions;
        this.explainer = explainer;
        this.hint.set(hint);
        this.available.set(hint.isEmpty());
        window.addListener((o, a, w) -> {
            currentWindow = w;
            List<StatementRates> rates = deltas.rates(w);
            show(rates, detailOf(currentSelection, w, rates));
        });
        selected.addListener((o, a, key) -> {
            currentSelection = key;
            detail.set(detailOf(key, currentWindow, all));
        });
        textFilter.addListener((o, a, b) -> refilter());
        database.addListener((o, a, b) -> refilter());
        user.addListener((o, a, b) -> refilter());
        showOwn.addListener((o, a, b) -> refilter());
    }

    /** A read of pg_stat_statements, on the sampler's thread. */
    public void onStatements(Sample<StatementsRead> sample) {
        if (!sample.ok()) {
            ui.execute(() -> freshness.update(sample));
            return;
        }
        deltas.add(sample.value());
        StatementWindow w = currentWindow;
        List<StatementRates> rates = deltas.rates(w);
        StatementDetail d = detailOf(currentSelection, w, rates);
        boolean planning = sample.value().planningTracked();
        String hiddenNote = sample.value().hiddenNote().orElse("");
        ui.execute(() -> {
            freshness.update(sample);
            planningTracked.set(planning);
            hidden.set(hiddenNote);
            show(rates, d);
        });
    }

    /** Activity, for the fallback when pg_stat_statements is missing. */
    public void onBackends(Sample<List<Backend>> sample) {
        if (available.get() || !sample.ok()) {
            return;
        }
        List<ActiveQueryGroup> groups = ActiveQueryGroup.of(sample.value());
        ui.execute(() -> {
            freshness.update(sample);
            activeQueries.setAll(groups);
            int queries = groups.stream().mapToInt(ActiveQueryGroup::running).sum();
            summary.set(queries + (queries == 1 ? " active query" : " active queries") + " right now, "
                    + groups.size() + (groups.size() == 1 ? " distinct text" : " distinct texts"));
        });
    }

    /** Asks to reset pg_stat_statements; false when not run (declined, read-only, busy). */
    public boolean resetStatistics() {
        return actions.submit(new ResetStatementStatsAction(), r -> { });
    }

    /** Opens the statement's normalized text in the EXPLAIN workbench. */
    public void explain(StatementRates statement) {
        if (statement != null && statement.statement().query() != null) {
            explainer.accept(statement.statement().query());
        }
    }

    private StatementDetail detailOf(StatementKey key, StatementWindow w, List<StatementRates> rates) {
        if (key == null) {
            return null;
        }
        return rates.stream().filter(r -> r.statement().key().equals(key)).findFirst()
                .map(r -> new StatementDetail(r, deltas.series(key, w))).orElse(null);
    }

    private void show(List<StatementRates> rates, StatementDetail d) {
        List<StatementRates> byTime = rates.stream()
                .sorted(Comparator.comparingDouble(StatementRates::totalMillis).reversed()).toList();
        all.setAll(byTime);
        choices(databases, ALL_DATABASES, byTime, r -> r.statement().database());
        choices(users, ALL_USERS, byTime, r -> r.statement().user());
        detail.set(d);
        refilter();
    }

    /**
     * Adds names as they appear and never removes one: a ChoiceBox loses its value when its
     * items are replaced, and a database that ran nothing in this window is still a fair filter.
     */
    private static void choices(ObservableList<String> list, String any, List<StatementRates> rates,
                                Function<StatementRates, String> value) {
        rates.stream().map(value).filter(Objects::nonNull).distinct().filter(n -> !list.contains(n)).forEach(n -> {
            int at = 1;
            while (at < list.size() && list.get(at).compareTo(n) < 0) {
                at++;
            }
            list.add(at, n);
        });
    }

    private void refilter() {
        String text = textFilter.get() == null ? "" : textFilter.get().toLowerCase(Locale.ROOT).trim();
        String db = database.get();
        String role = user.get();
        boolean own = showOwn.get();
        statements.setPredicate(r -> (own || !r.statement().own())
                && (text.isEmpty() || (r.statement().query() != null
                        && r.statement().query().toLowerCase(Locale.ROOT).contains(text)))
                && (db == null || ALL_DATABASES.equals(db) || db.equals(r.statement().database()))
                && (role == null || ALL_USERS.equals(role) || role.equals(r.statement().user())));
        double calls = statements.stream().mapToDouble(StatementRates::callsPerSecond).filter(Double::isFinite).sum();
        double millis = statements.stream().mapToDouble(StatementRates::millisPerSecond).filter(Double::isFinite).sum();
        summary.set(statements.size() + " statements, " + window.get() + ": " + Formats.rate(calls) + " calls, "
                + String.format(Locale.ROOT, "%.1f ms/s", millis) + " of execution");
    }

    public Freshness freshness() {
        return freshness;
    }

    public ActionDoor actions() {
        return actions;
    }

    /** How many statements of other roles are left out and which grant shows them, or empty. */
    public ReadOnlyStringProperty hiddenProperty() {
        return hidden.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    /** pg_stat_statements is installed and preloaded; otherwise the fallback shows. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty planningTrackedProperty() {
        return planningTracked.getReadOnlyProperty();
    }

    public ObjectProperty<StatementWindow> windowProperty() {
        return window;
    }

    public StringProperty textFilterProperty() {
        return textFilter;
    }

    public ObjectProperty<String> databaseProperty() {
        return database;
    }

    /** Lists pgdeck's own monitoring statements too; they are left out by default. */
    public BooleanProperty showOwnProperty() {
        return showOwn;
    }

    public ObjectProperty<String> userProperty() {
        return user;
    }

    public ObservableList<String> databases() {
        return FXCollections.unmodifiableObservableList(databases);
    }

    public ObservableList<String> users() {
        return FXCollections.unmodifiableObservableList(users);
    }

    /** The statements that pass the filters, heaviest total time first (the view may sort otherwise). */
    public ObservableList<StatementRates> statements() {
        return FXCollections.unmodifiableObservableList(statements);
    }

    public ObjectProperty<StatementKey> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<StatementDetail> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ObservableList<ActiveQueryGroup> activeQueries() {
        return FXCollections.unmodifiableObservableList(activeQueries);
    }

    StatementDeltas deltas() {
        return deltas;
    }
}
