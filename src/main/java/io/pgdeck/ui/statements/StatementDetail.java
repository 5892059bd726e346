package io.pgdeck.ui.statements;

import io.pgdeck.sample.History;
import io.pgdeck.sample.StatementPoint;
import io.pgdeck.sample.StatementRates;
import java.util.List;

/** The selected statement: its figures over the window and its calls/s and mean time through it. */
public record StatementDetail(StatementRates rates, List<History.Point<StatementPoint>> series) {

    public StatementDetail {
        series = List.copyOf(series);
    }

    public String query() {
        return rates.statement().query();
    }
}
