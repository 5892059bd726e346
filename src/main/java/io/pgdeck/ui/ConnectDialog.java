package io.pgdeck.ui;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.SslFiles;
import java.util.List;
import java.util.Optional;
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

/**
 * Host, port, database, user, password, sslmode, the CA file for verify-full. Opened again with
 * what the user typed after a failed attempt, with PostgreSQL's reason on top, so nothing typed
 * is lost.
 */
public final class ConnectDialog {

    private static final List<String> SSL_MODES = List.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");

    private ConnectDialog() {}

    /** What the user asked for, and whether to keep it (without its password) for next time. */
    public record Answer(ConnectionProfile profile, boolean save) {}

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
        TextField name = new TextField(initial == null ? "" : initial.name());
        name.setPromptText("name to save this profile under");
        CheckBox save = new CheckBox("Save the profile (never the password)");
        save.setId("connect-save");
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
        grid.addRow(row, new Label("Name"), name, save);
        dialog.getDialogPane().setContent(grid);

        ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(connect, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(connect).disableProperty().bind(
                port.textProperty().map(t -> !t.trim().matches("\\d{1,5}")).orElse(true));
        dialog.setResultConverter(button -> button != connect ? null : new Answer(new ConnectionProfile(
                name.getText().trim(), host.getText().trim(), Integer.parseInt(port.getText().trim()),
                database.getText().trim(), user.getText().trim(),
                password.getText().isEmpty() ? null : password.getText(), ssl.getValue())
                .withSsl(new SslFiles(rootCert.getText(), sslFiles.get().cert(), sslFiles.get().key(),
                        sslFiles.get().keyPassword())),
                save.isSelected()));
        return dialog.showAndWait();
    }
}
