package io.pgdeck.ui;

import io.pgdeck.action.ActionPlan;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The real dialogs: the confirmation shows the exact SQL, the lock it takes and the risk. */
public final class FxDialogService implements DialogService {

    public static final String CONFIRM_SQL_ID = "confirm-sql";

    private final Window owner;

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public boolean confirm(ActionPlan plan) {
        TextArea sql = new TextArea(plan.sql());
        sql.setId(CONFIRM_SQL_ID);
        sql.setEditable(false);
        sql.setWrapText(true);
        sql.setPrefRowCount(Math.min(12, plan.statements().size() * 2 + 1));
        sql.getStyleClass().add("sql");
        Label lock = new Label("Lock: " + plan.lock());
        lock.setWrapText(true);
        Label risk = new Label(plan.risk());
        risk.setWrapText(true);
        VBox content = new VBox(8, new Label("This runs exactly:"), sql, lock, risk);
        content.setPrefWidth(620);

        ButtonType run = new ButtonType("Run", ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", run, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setTitle("Confirm: " + plan.title());
        alert.setHeaderText(plan.title());
        alert.getDialogPane().setContent(content);
        alert.getDialogPane().setId("confirm-dialog");
        return alert.showAndWait().filter(run::equals).isPresent();
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.getDialogPane().setId("error-dialog");
        alert.show();
    }
}
