package io.pgdeck.ui.explain;

import io.pgdeck.explain.ExplainRunner;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import java.time.Duration;

/** The EXPLAIN workbench: no feed, it reads when the user asks. */
public final class ExplainScreen implements Screen {

    /** An EXPLAIN ANALYZE runs the statement: long enough for a slow report, short enough not to hurt. */
    static final Duration EXPLAIN_TIMEOUT = Duration.ofSeconds(60);

    private final ExplainViewModel viewModel;
    private final Page page;

    public ExplainScreen(ScreenContext context) {
        viewModel = new ExplainViewModel(context.ui(), context.tasks(), new ExplainRunner(context.target(), EXPLAIN_TIMEOUT),
                context.dialogs(), context.actions().readOnlyProperty());
        page = new LazyPage(ExplainView.TITLE, ExplainView.ICON, () -> new ExplainView(viewModel));
    }

    public ExplainViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Page page() {
        return page;
    }
}
