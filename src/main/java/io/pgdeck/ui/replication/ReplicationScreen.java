package io.pgdeck.ui.replication;

import io.pgdeck.catalog.ReplicationReader;
import io.pgdeck.connect.Target;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import java.util.Set;

/** Replication; its feed stays live: the status bar shows the role, and a promotion must show at once. */
public final class ReplicationScreen implements Screen {

    private final ReplicationViewModel viewModel;
    private final Page page;

    public ReplicationScreen(ScreenContext context) {
        Target target = context.target();
        viewModel = new ReplicationViewModel(context.ui(), context.actions());
        context.sampler().feed("replication", 1, Set.of(), new ReplicationReader(target)::status).subscribeLive(s -> {
            // Capabilities were read at connect; a promotion (or a failover behind a name) changes them
            if (s.ok() && s.value().standby() != target.capabilities().inRecovery()) {
                target.refreshCapabilities();
            }
            viewModel.onStatus(s);
        });
        page = new LazyPage(ReplicationView.TITLE, ReplicationView.ICON, () -> new ReplicationView(viewModel));
    }

    public ReplicationViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Page page() {
        return page;
    }
}
