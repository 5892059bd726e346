package io.pgdeck.ui.matviews;

import io.pgdeck.action.MatviewRefreshHistory.LastRefresh;
import io.pgdeck.catalog.Matview;
import java.util.Optional;

/** A matview with when pgdeck last refreshed it, and its place in the refresh order (1 = first). */
public record MatviewRow(Matview matview, int order, Optional<LastRefresh> lastRefresh) {}
