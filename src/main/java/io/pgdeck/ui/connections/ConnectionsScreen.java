package io.pgdeck.ui.connections;

import io.pgdeck.catalog.Topic;
import io.pgdeck.connect.Capabilities;
import io.pgdeck.ui.Feeds;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import io.pgdeck.ui.Watch;
import java.util.Set;

public final class ConnectionsScreen implements Screen {

    private final ConnectionsViewModel viewModel;
    private final Page page;

    public ConnectionsScreen(ScreenContext context) {
        viewModel = new ConnectionsViewModel(context.ui(), context.actions(), context.hint(Capabilities.Feature.ALL_ACTIVITY));
        Watch watch = new Watch()
                .on(Feeds.activity(context), viewModel::onBackends)
                .on(context.sampler().feed("pool", 1, Set.of(Topic.BACKENDS), context.target()::poolStats), viewModel::onPool);
        page = new LazyPage(ConnectionsView.TITLE, ConnectionsView.ICON, () -> new ConnectionsView(viewModel), watch);
    }

    public ConnectionsViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Page page() {
        return page;
    }
}
