package io.pgdeck.ui.indexes;

import io.pgdeck.catalog.IndexReader;
import io.pgdeck.catalog.Topic;
import io.pgdeck.sample.Sampler;
import io.pgdeck.ui.Feeds;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import io.pgdeck.ui.Watch;
import java.util.Set;

public final class IndexesScreen implements Screen {

    /** Index scan counters of every index: every 5 refreshes, as the vacuum counters. */
    static final int INDEX_USAGE_EVERY = 5;

    private final IndexesViewModel viewModel;
    private final Page page;

    public IndexesScreen(ScreenContext context) {
        viewModel = new IndexesViewModel(context.ui(), context.actions());
        IndexReader index = new IndexReader(context.target());
        Sampler sampler = context.sampler();
        Set<Topic> indexes = Set.of(Topic.INDEXES);
        Watch watch = new Watch()
                .on(sampler.feed("index definitions", Feeds.CATALOG_EVERY, indexes, index::definitions), viewModel::onDefinitions)
                .on(sampler.feed("table scans", Feeds.CATALOG_EVERY, indexes, index::tableScans), viewModel::onTableScans)
                .on(sampler.feed("index usage", INDEX_USAGE_EVERY, indexes, index::usage), viewModel::onUsage);
        page = new LazyPage(IndexesView.TITLE, IndexesView.ICON, () -> new IndexesView(viewModel), watch);
    }

    public IndexesViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Page page() {
        return page;
    }
}
