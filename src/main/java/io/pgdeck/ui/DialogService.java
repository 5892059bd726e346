package io.pgdeck.ui;

import io.pgdeck.action.ActionPlan;

/** Questions to the user. View models ask through this, tests answer without a window. */
public interface DialogService {

    /** Shows the exact SQL, the lock and the risk; true when the user confirms. */
    boolean confirm(ActionPlan plan);

    void showError(String title, String message);
}
