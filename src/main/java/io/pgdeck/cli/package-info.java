/**
 * The headless commands, {@code pgdeck snapshot|check|explain|...}: what they share lives here
 * (the entry point and its exit codes, the connection and PgBouncer options, durations as typed,
 * the one sentence for a problem, the JSON of {@code --json}); each command lives in its own
 * sub-package with what only it uses.
 */
package io.pgdeck.cli;
