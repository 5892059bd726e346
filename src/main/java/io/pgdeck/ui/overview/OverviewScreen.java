package io.pgdeck.ui.overview;

import io.pgdeck.catalog.ServerReader;
import io.pgdeck.ui.Feeds;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import java.util.Set;

/** The overview: built at once, and its feeds stay live, since the status bar shows its freshness. */
public final class OverviewScreen implements Screen {

    /** Version, uptime and settings change rarely: every 10 refreshes. */
    static final int INFO_EVERY = 10;

    private final OverviewViewModel viewModel;
    private final OverviewView page;

    public OverviewScreen(ScreenContext context) {
        viewModel = new OverviewViewModel(context.ui());
        ServerReader server = new ServerReader(context.target());
        context.sampler().feed("server info", INFO_EVERY, Set.of(), server::info).subscribeLive(viewModel::onInfo);
        context.sampler().feed("database stats", 1, Set.of(), server::databaseStats).subscribeLive(viewModel::onStats);
        Feeds.activity(context).subscribeLive(viewModel::onBackends);
        Feeds.databaseSizes(context).subscribeLive(viewModel::onSizes);
        page = new OverviewView(viewModel);
    }

    public OverviewViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Page page() {
        return page;
    }
}
