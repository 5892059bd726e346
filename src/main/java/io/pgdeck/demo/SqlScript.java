package io.pgdeck.demo;

/** One numbered SQL file from the class path: its file name and its text. */
public record SqlScript(String name, String sql) {
}
