package io.pgdeck.ui.bloat;

import io.pgdeck.catalog.BloatReader;
import io.pgdeck.catalog.Topic;
import io.pgdeck.catalog.VacuumReader;
import io.pgdeck.connect.Capabilities;
import io.pgdeck.ui.Feeds;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import io.pgdeck.ui.Watch;
import java.util.Set;

public final class BloatScreen implements Screen {

    /** Dead tuples and last (auto)vacuum: counters, but of every table, so every few refreshes. */
    static final int VACUUM_EVERY = 5;

    private final BloatViewModel viewModel;
    private final Page page;

    public BloatScreen(ScreenContext context) {
        BloatReader bloat = new BloatReader(context.target());
        viewModel = new BloatViewModel(context.ui(), context.actions(), bloat::exact,
                context.tasks(), context.target().profile().database(), context.hint(Capabilities.Feature.PGSTATTUPLE));
        Set<Topic> tables = Set.of(Topic.TABLES);
        Watch watch = new Watch()
                .on(Feeds.databaseSizes(context), viewModel::onSizes)
                .on(context.sampler().feed("bloat estimates", Feeds.CATALOG_EVERY, tables, bloat::estimates), viewModel::onEstimates)
                .on(context.sampler().feed("vacuum status", VACUUM_EVERY, tables, new VacuumReader(context.target())::status),
                        viewModel::onVacuum);
        page = new LazyPage(BloatView.TITLE, BloatView.ICON, () -> new BloatView(viewModel), watch);
    }

    public BloatViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Page page() {
        return page;
    }
}
