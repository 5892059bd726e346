package io.pgdeck.ui.explain;

import io.pgdeck.explain.ExplainRunner;
import io.pgdeck.explain.ReadOnlyQuery;
import io.pgdeck.ui.BackgroundTask;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import java.time.Duration;

/** The EXPLAIN workbench: no feed, it reads when the user asks. */
public final class ExplainScreen implements Screen {

    /** An EXPLAIN ANALYZE runs the statement: long enough for a slow report, short enough not to hurt. */
    static final Duration EXPLAIN_TIMEOUT = Duration.ofSeconds(60);

    /** A Run returns a thousand rows: a statement that needs longer is not one to look at here. */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final ExplainViewModel viewModel;
    private final QueryViewModel queryViewModel;
    private final Page page;

    public ExplainScreen(ScreenContext context) {
        viewModel = new ExplainViewModel(context.ui(), context.tasks(), new ExplainRunner(context.target(), EXPLAIN_TIMEOUT),
                context.dialogs(), context.actions().readOnlyProperty());
        queryViewModel = new QueryViewModel(context.tasks(), new ReadOnlyQuery(context.target(), QUERY_TIMEOUT),
                viewModel.sqlProperty());
        page = new LazyPage(ExplainView.TITLE, ExplainView.ICON, () -> new ExplainView(viewModel, queryViewModel));
        // "Explain…" on a slow query builds this page inside the click: have its classes ready by then
        BackgroundTask.run(ExplainView::preload).executeWith(context.tasks());
    }

    public ExplainViewModel viewModel() {
        return viewModel;
    }

    public QueryViewModel queryViewModel() {
        return queryViewModel;
    }

    @Override
    public Page page() {
        return page;
    }
}
