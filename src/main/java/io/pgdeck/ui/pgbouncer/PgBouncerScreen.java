package io.pgdeck.ui.pgbouncer;

import io.pgdeck.catalog.PgBouncerSource;
import io.pgdeck.catalog.PgBouncerThresholds;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import io.pgdeck.ui.Watch;
import java.util.Set;

public final class PgBouncerScreen implements Screen {

    /** PgBouncer's admin console: the profile's, or the target itself when it is a bouncer. */
    private final PgBouncerSource source;
    private final PgBouncerViewModel viewModel;
    private final Page page;

    public PgBouncerScreen(ScreenContext context) {
        source = PgBouncerSource.forTarget(context.target(), null, ProfileResolver.system());
        viewModel = new PgBouncerViewModel(context.ui(), PgBouncerThresholds.defaults());
        Watch watch = new Watch().on(context.sampler().feed("pgbouncer", 1, Set.of(), source::read), viewModel::onReading);
        page = new LazyPage(PgBouncerView.TITLE, PgBouncerView.ICON, () -> new PgBouncerView(viewModel), watch);
    }

    public PgBouncerViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Page page() {
        return page;
    }

    @Override
    public void close() {
        source.close();
    }
}
