package io.pgdeck.ui;

import java.util.function.Supplier;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;

/**
 * A screen built on its first visit: building all of them up front held the JavaFX thread for
 * over a second before the first numbers could show.
 */
public final class LazyPage implements Page {

    private final String title;
    private final Ikon icon;
    private final Supplier<? extends Page> build;
    private Page page;

    public LazyPage(String title, Ikon icon, Supplier<? extends Page> build) {
        this.title = title;
        this.icon = icon;
        this.build = build;
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
        }
        return page.view();
    }
}
