package io.pgdeck.queue;

/**
 * One queue of one installation of a library. Two installations of the same library (River in
 * {@code public} and in {@code billing}) are told apart by their schema.
 *
 * @param library the library's name as {@link QueueAdapter#library()} says it ("River", "Oban")
 * @param schema the schema its tables live in
 * @param name the queue's name inside the installation ("default" where the library has one queue)
 */
public record QueueRef(String library, String schema, String name) {

    /** How the screen and the CLI name the queue: {@code River (public) / default}. */
    public String label() {
        return library + " (" + schema + ") / " + name;
    }
}
