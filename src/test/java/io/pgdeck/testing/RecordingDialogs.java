package io.pgdeck.testing;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.ui.DialogService;
import java.util.List;

/** Answers every confirmation the same way and keeps the plans it was shown, for view-model tests. */
public final class RecordingDialogs implements DialogService {

    private final boolean answer;
    private final List<ActionPlan> asked;

    public RecordingDialogs(boolean answer, List<ActionPlan> asked) {
        this.answer = answer;
        this.asked = asked;
    }

    @Override
    public boolean confirm(ActionPlan plan) {
        asked.add(plan);
        return answer;
    }

    @Override
    public void showError(String title, String message) {}
}
