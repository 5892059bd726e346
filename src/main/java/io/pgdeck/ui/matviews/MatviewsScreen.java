package io.pgdeck.ui.matviews;

import io.pgdeck.action.MatviewRefreshHistory;
import io.pgdeck.catalog.MatviewReader;
import io.pgdeck.catalog.Topic;
import io.pgdeck.ui.Feeds;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import io.pgdeck.ui.Watch;
import java.util.Set;

public final class MatviewsScreen implements Screen {

    private final MatviewsViewModel viewModel;
    private final Page page;

    public MatviewsScreen(ScreenContext context) {
        viewModel = new MatviewsViewModel(context.ui(), context.actions(), context.target().profile().describe(), () -> new MatviewRefreshHistory(context.auditLog().read()));
        Watch watch = new Watch().on(context.sampler().feed("materialized views", Feeds.CATALOG_EVERY, Set.of(Topic.MATVIEWS),
                new MatviewReader(context.target())::matviews), viewModel::onMatviews);
        page = new LazyPage(MatviewsView.TITLE, MatviewsView.ICON, () -> new MatviewsView(viewModel), watch);
    }

    public MatviewsViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Page page() {
        return page;
    }
}
