/**
 * {@code pgdeck snapshot}: {@link io.pgdeck.cli.snapshot.SnapshotTaker} reads one
 * {@link io.pgdeck.cli.snapshot.Snapshot} through the screens' readers, one record per section
 * (their components are the JSON's field names), and {@code SnapshotText} prints it for a terminal.
 */
package io.pgdeck.cli.snapshot;
