package io.pgdeck.ui.statements;

import io.pgdeck.catalog.StatementsReader;
import io.pgdeck.catalog.Topic;
import io.pgdeck.connect.Capabilities;
import io.pgdeck.ui.Feeds;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Navigation;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import io.pgdeck.ui.Watch;
import io.pgdeck.ui.explain.ExplainScreen;
import io.pgdeck.ui.explain.ExplainView;
import java.util.Set;

public final class StatementsScreen implements Screen {

    private final StatementsViewModel viewModel;
    private final Page page;

    public StatementsScreen(ScreenContext context) {
        Navigation navigation = context.navigation();
        viewModel = new StatementsViewModel(context.ui(), context.actions(), sql -> {
                    // "Explain…" on a slow query: the statement goes to the workbench, and the window shows it
                    navigation.screen(ExplainScreen.class).viewModel().open(sql);
                    navigation.show(ExplainView.TITLE);
                }, context.hint(Capabilities.Feature.STATEMENTS));
        Watch watch = new Watch().on(Feeds.activity(context), viewModel::onBackends);
        if (context.target().capabilities().statementsUsable()) {
            watch.on(context.sampler().feed("statements", 1, Set.of(Topic.STATEMENTS),
                    new StatementsReader(context.target())::top), viewModel::onStatements);
        }
        page = new LazyPage(StatementsView.TITLE, StatementsView.ICON, () -> new StatementsView(viewModel), watch);
    }

    public StatementsViewModel viewModel() {
        return viewModel;
    }

    @Override
    public Page page() {
        return page;
    }
}
