package io.pgdeck.ui;

import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.Topic;
import io.pgdeck.connect.Capabilities;
import io.pgdeck.connect.Target;
import io.pgdeck.sample.Sampler;
import java.util.Set;

/** What a screen is made from: the session's target, sampler, action door, dialogs and threads. */
public record ScreenContext(Target target, Sampler sampler, ActionDoor actions, DialogService dialogs,
                            UiExecutor ui, TaskExecutor tasks, Navigation navigation, AuditLog auditLog) {

    /**
     * What a view model runs when what it shows changed other than by an action (a saved queue
     * mapping): the feeds of these topics read again, no others. After an action the door does it.
     */
    public Runnable refresh(Topic... topics) {
        Set<Topic> touched = Set.of(topics);
        return () -> sampler.refresh(touched);
    }

    /** Why a feature is limited for this role or server, or empty. */
    public String hint(Capabilities.Feature feature) {
        return target.capabilities().hint(feature).orElse("");
    }
}
