/**
 * {@code pgdeck explain}: the workbench's EXPLAIN and analysis as an {@code ExplainReport}, printed
 * as a tree of nodes or as JSON.
 */
package io.pgdeck.cli.explain;
