package io.pgdeck.ui;

/**
 * One screen of a session: made from a {@link ScreenContext}, it declares the feeds it shows,
 * builds its view model and returns its page. Adding a screen is this class and one line in the
 * session's list.
 */
public interface Screen extends AutoCloseable {

    Page page();

    /** Releases what only this screen holds (a connection of its own); most hold nothing. */
    @Override
    default void close() {
    }
}
