package io.pgdeck.ui.partitions;

import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.catalog.Topic;
import io.pgdeck.ui.Feeds;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import io.pgdeck.ui.Watch;
import java.time.Clock;
import java.util.Set;

public final class PartitionsScreen implements Screen {

    private final PartitionsViewModel viewModel;
    private final Page page;

    public PartitionsScreen(ScreenContext context) {
        PartitionReader reader = new PartitionReader(context.target());
        viewModel = new PartitionsViewModel(context.ui(), context.actions(), context.tasks(), (def, key, p) -> reader.rowsInRange(def, key, p.from(), p.to()),
                context.target().version(), reader.partmanSchema().orElse(null), Clock.systemUTC());
        Watch watch = new Watch().on(context.sampler().feed("partitions", Feeds.CATALOG_EVERY, Set.of(Topic.PARTITIONS),
                reader::sets), viewModel::onSets);
        page = new LazyPage(PartitionsView.TITLE, PartitionsView.ICON, () -> new PartitionsView(viewModel), watch);
    }

    public PartitionsViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Page page() {
        return page;
    }
}
