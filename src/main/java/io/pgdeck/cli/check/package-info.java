/**
 * {@code pgdeck check}: one {@link io.pgdeck.cli.check.HealthCheck} line per check, computed by pure
 * functions ({@code XxxChecks}) of what the readers returned against the user's {@code XxxThresholds}.
 */
package io.pgdeck.cli.check;
