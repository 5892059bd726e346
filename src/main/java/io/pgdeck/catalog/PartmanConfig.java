package io.pgdeck.catalog;

/** A row of pg_partman's part_config: how it creates ahead (premake) and drops behind (retention). */
public record PartmanConfig(String parentTable, String partitionInterval, int premake, String retention,
                            boolean retentionKeepTable) {}
