package io.pgdeck.ui;

import java.util.function.Supplier;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * A screen built on its first visit: building all of them up front held the JavaFX thread for
 * over a second before the first numbers could show. While its view is in the window, the feeds
 * it watches run at their cadence.
 */
public final class LazyPage implements Page {

    private final String title;
    private final Ikon icon;
    private final Supplier<? extends Page> build;
    private final Watch watch;
    private Page page;

    public LazyPage(String title, Ikon icon, Supplier<? extends Page> build) {
        this(title, icon, build, new Watch());
    }

    public LazyPage(String title, Ikon icon, Supplier<? extends Page> build, Watch watch) {
        this.title = title;
        this.icon = icon;
        this.build = build;
        this.watch = watch;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public Ikon icon() {
        return icon;
    }

    /** Builds the screen the first time, on the JavaFX thread that shows it. */
    @Override
    public Node view() {
        if (page == null) {
            page = build.get();
            Node view = page.view();
            // the window puts the chosen screen's view in its middle and takes it out when another is chosen
            view.parentProperty().addListener((o, before, parent) -> watch.visible(parent != null));
            watch.visible(view.getParent() != null);
        }
        return page.view();
    }
}
