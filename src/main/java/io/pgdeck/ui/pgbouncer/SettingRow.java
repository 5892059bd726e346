package io.pgdeck.ui.pgbouncer;

/** One line of SHOW CONFIG. */
public record SettingRow(String key, String value) {}
