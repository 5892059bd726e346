package io.pgdeck.ui.queues;

import io.pgdeck.catalog.Topic;
import io.pgdeck.queue.CustomMappingStore;
import io.pgdeck.queue.DepthSettingsStore;
import io.pgdeck.queue.QueueMonitor;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import io.pgdeck.ui.Watch;
import java.time.Duration;
import java.util.Set;

public final class QueuesScreen implements Screen {

    /** Queue depths: a few EXPLAINs and index probes per queue, every 5 refreshes. */
    static final int QUEUES_EVERY = 5;

    private final QueuesViewModel viewModel;
    private final QueueMonitor monitor;
    private final Page page;

    public QueuesScreen(ScreenContext context) {
        CustomMappingStore mappings = CustomMappingStore.inUserConfigDir();
        monitor = new QueueMonitor(context.target(), mappings::list,
                DepthSettingsStore.inUserConfigDir().read(), Duration.ofMinutes(5));
        viewModel = new QueuesViewModel(context.ui(), context.actions(), monitor, context.tasks(), context.refresh(Topic.QUEUES),
                m -> {
                    mappings.save(m);
                    monitor.redetect();
                });
        Watch watch = new Watch().on(context.sampler().feed("job queues", QUEUES_EVERY, Set.of(Topic.QUEUES), monitor::read),
                viewModel::onReading);
        page = new LazyPage(QueuesView.TITLE, QueuesView.ICON, () -> new QueuesView(viewModel), watch);
    }

    public QueuesViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Page page() {
        return page;
    }

    @Override
    public void close() {
        monitor.close();
    }
}
