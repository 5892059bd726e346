package io.pgdeck.ui;

/** How a screen reaches another: to hand it something (a statement to explain) and to show it. */
public interface Navigation {

    <S extends Screen> S screen(Class<S> type);

    void show(String title);
}
