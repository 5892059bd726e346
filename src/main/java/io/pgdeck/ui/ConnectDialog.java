package io.pgdeck.ui;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.HostPort;
import io.pgdeck.connect.Pooler;
import io.pgdeck.connect.RedisSource;
import io.pgdeck.connect.SslFiles;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * Host, port, database, user, password, sslmode, the CA file for verify-full, and what stands
 * in between (a pooler, and then where PostgreSQL itself is for the actions that need a
 * session). Opened again with what the user typed after a failed attempt, with PostgreSQL's
 * reason on top, so nothing typed is lost; what the dialog does not show (the client
 * certificate and key, the admin console) is kept from the profile.
 */
public final class ConnectDialog {

    private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Map<Pooler.Mode, String> POOLER_CHOICES = new EnumMap<>(Map.of(
            Pooler.Mode.DETECT, "detect (ask PgBouncer's admin console)",
            Pooler.Mode.DIRECT, "direct to PostgreSQL",
            Pooler.Mode.POOLED, "through a pooler (PgBouncer, transaction mode)"));

    private ConnectDialog() {}

    /**
     * What the user asked for, whether to keep it (without its password) for next time, and the
     * group of the server list to keep it in (blank: the one it had, or the default).
     */
    public record Answer(ConnectionProfile profile, boolean save, String group) {}

    public static Optional<Answer> ask(Window owner, ConnectionProfile initial, String problem,
                                       List<ConnectionProfile> saved) {
        Dialog<Answer> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Connect to PostgreSQL");
        dialog.setHeaderText(problem == null ? "Connect to a PostgreSQL server" : problem);
        dialog.getDialogPane().setId("connect-dialog");

        ComboBox<ConnectionProfile> profiles = new ComboBox<>();
        profiles.getItems().setAll(saved);
        profiles.setPromptText(saved.isEmpty() ? "no saved profiles" : "saved profiles");
        TextField host = new TextField(initial == null ? "localhost" : initial.host());
        host.setId("connect-host");
        TextField port = new TextField(Integer.toString(initial == null ? ConnectionProfile.DEFAULT_PORT : initial.port()));
        port.setId("connect-port");
        TextField database = new TextField(initial == null ? "postgres" : initial.database());
        database.setId("connect-database");
        TextField user = new TextField(initial == null ? System.getProperty("user.name") : initial.user());
        user.setId("connect-user");
        PasswordField password = new PasswordField();
        password.setId("connect-password");
        if (initial != null && initial.password() != null) {
            password.setText(initial.password());
        }
        password.setPromptText("empty: use ~/.pgpass or PGPASSWORD");
        ChoiceBox<String> ssl = new ChoiceBox<>();
        ssl.getItems().setAll(SSL_MODES);
        ssl.setValue(initial == null ? "prefer" : initial.sslMode());
        // the client certificate, key and key password of the initial or chosen profile ride along unseen
        ObjectProperty<SslFiles> sslFiles = new SimpleObjectProperty<>(initial == null ? SslFiles.NONE : initial.ssl());
        TextField rootCert = new TextField(sslFiles.get().rootCert() == null ? "" : sslFiles.get().rootCert());
        rootCert.setId("connect-sslrootcert");
        rootCert.setPromptText("CA certificate file for verify-ca, verify-full");
        ChoiceBox<Pooler.Mode> poolerMode = new ChoiceBox<>();
        poolerMode.setId("connect-pooler");
        poolerMode.getItems().setAll(Pooler.Mode.values());
        poolerMode.setConverter(new StringConverter<>() {
            @Override
            public String toString(Pooler.Mode mode) {
                return mode == null ? "" : POOLER_CHOICES.get(mode);
            }

            @Override
            public Pooler.Mode fromString(String text) {
                return POOLER_CHOICES.entrySet().stream().filter(e -> e.getValue().equals(text))
                        .map(Map.Entry::getKey).findFirst().orElse(Pooler.Mode.DETECT);
            }
        });
        Pooler initialPooler = initial == null ? Pooler.DETECT : initial.pooler();
        poolerMode.setValue(initialPooler.mode());
        TextField direct = new TextField(initialPooler.directAddress() == null ? "" : initialPooler.directAddress());
        direct.setId("connect-direct");
        direct.setPromptText("host:port of PostgreSQL behind the pooler, for VACUUM and ... CONCURRENTLY");
        direct.disableProperty().bind(poolerMode.valueProperty().isEqualTo(Pooler.Mode.DIRECT));
        Label directProblem = new Label();
        directProblem.setId("connect-direct-problem");
        directProblem.textProperty().bind(direct.textProperty().map(ConnectDialog::directProblem));
        TextField redis = new TextField(initial == null ? "" : redisText(initial.redis()));
        redis.setId("connect-redis");
        redis.setPromptText("redis://host:6379 of BullMQ queues, comma-separated (optional)");
        Label redisProblem = new Label();
        redisProblem.setId("connect-redis-problem");
        redisProblem.textProperty().bind(redis.textProperty().map(ConnectDialog::redisProblem));
        TextField name = new TextField(initial == null ? "" : initial.name());
        name.setPromptText("name to save this profile under");
        TextField group = new TextField();
        group.setId("connect-group");
        group.setPromptText("group in the server list, e.g. Production");
        CheckBox save = new CheckBox("Save the profile (never the password)");
        save.setId("connect-save");
        group.disableProperty().bind(save.selectedProperty().not());
        profiles.valueProperty().addListener((o, a, p) -> {
            if (p != null) {
                name.setText(p.name());
                host.setText(p.host());
                port.setText(Integer.toString(p.port()));
                database.setText(p.database());
                user.setText(p.user());
                ssl.setValue(p.sslMode());
                sslFiles.set(p.ssl());
                rootCert.setText(p.ssl().rootCert() == null ? "" : p.ssl().rootCert());
                poolerMode.setValue(p.pooler().mode());
                direct.setText(p.pooler().directAddress() == null ? "" : p.pooler().directAddress());
                redis.setText(redisText(p.redis()));
            }
        });

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        int row = 0;
        grid.addRow(row++, new Label("Profile"), profiles);
        grid.addRow(row++, new Label("Host"), host);
        grid.addRow(row++, new Label("Port"), port);
        grid.addRow(row++, new Label("Database"), database);
        grid.addRow(row++, new Label("User"), user);
        grid.addRow(row++, new Label("Password"), password);
        grid.addRow(row++, new Label("SSL mode"), ssl);
        grid.addRow(row++, new Label("SSL root cert"), rootCert);
        grid.addRow(row++, new Label("Pooler"), poolerMode);
        grid.addRow(row++, new Label("Direct address for actions"), direct, directProblem);
        grid.addRow(row++, new Label("Redis (BullMQ)"), redis, redisProblem);
        grid.addRow(row++, new Label("Name"), name, save);
        grid.addRow(row, new Label("Group"), group);
        dialog.getDialogPane().setContent(grid);

        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(connect).disableProperty().bind(Bindings.createBooleanBinding(
                () -> !port.getText().trim().matches("\\d{1,5}") || !directProblem.getText().isEmpty()
                        || !redisProblem.getText().isEmpty(),
                port.textProperty(), directProblem.textProperty(), redisProblem.textProperty()));
        // The profile chosen or given keeps what the dialog does not show: its client certificate
        // and key, its admin console.
        dialog.setResultConverter(button -> {
            if (button != connect) {
                return null;
            }
            ConnectionProfile base = profiles.getValue() != null ? profiles.getValue() : initial;
            Pooler kept = base == null ? Pooler.DETECT : base.pooler();
            SslFiles files = sslFiles.get();
            return new Answer(new ConnectionProfile(
                    name.getText().trim(), host.getText().trim(), Integer.parseInt(port.getText().trim()),
                    database.getText().trim(), user.getText().trim(),
                    password.getText().isEmpty() ? null : password.getText(), ssl.getValue(),
                    new SslFiles(rootCert.getText(), files.cert(), files.key(), files.keyPassword()),
                    kept.withMode(poolerMode.getValue()).withDirectAddress(direct.getText()),
                    redisSources(redis.getText(), base == null ? List.of() : base.redis())), save.isSelected(),
                    group.getText().trim());
        });
        return dialog.showAndWait();
    }

    /** The Redis addresses as typed, a saved one keeping its BullMQ prefix and the password it was given. */
    static List<RedisSource> redisSources(String text, List<RedisSource> known) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(url -> known.stream().filter(k -> k.withoutPassword().url().equals(url) || k.url().equals(url))
                        .findFirst().orElseGet(() -> RedisSource.of(url)))
                .toList();
    }

    /** The profile's Redis addresses as the field shows them: never a password. */
    private static String redisText(List<RedisSource> sources) {
        return sources.stream().map(s -> s.withoutPassword().url()).collect(Collectors.joining(", "));
    }

    /** Empty when every Redis address reads redis://host[:port][/db]; otherwise the sentence saying why not. */
    static String redisProblem(String text) {
        try {
            redisSources(text == null ? "" : text, List.of());
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Empty when the direct address is empty or host[:port]; otherwise the sentence saying why not. */
    static String directProblem(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        try {
            HostPort.parse(text);
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
