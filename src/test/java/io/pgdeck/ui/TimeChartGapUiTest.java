package io.pgdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.sample.History;
import io.pgdeck.testing.Screenshots;
import java.time.Instant;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.layout.VBox;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.time.TimeTableXYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * Across missing samples the chart breaks: a line has no-value items there (where JFreeChart's
 * line renderer stops drawing) and a stacked area drops to zero, instead of a straight line
 * joining the last point before an outage to the first after it.
 */
class TimeChartGapUiTest {

    private static final Instant T0 = Instant.parse("2025-01-01T12:00:00Z");

    @AfterEach
    void cleanup() throws Exception {
        FxToolkit.cleanupStages();
    }

    @Test
    void linesAndStacksBreakAcrossAnOutage() throws Exception {
        History<Double> history = new History<>(100);
        for (int s : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50}) {
            history.add(T0.plusSeconds(s), 10.0 + s % 3);
        }
        FxToolkit.registerPrimaryStage();
        TimeChart line = FxToolkit.setupFixture(() -> TimeChart.lines("commits", "per second"));
        TimeChart stack = FxToolkit.setupFixture(() -> TimeChart.stacked("connections", "count"));
        FxToolkit.setupFixture(() -> {
            line.line("commits/s", history.points(), Double::doubleValue);
            stack.stack(java.util.List.of("active", "idle"), history.points(),
                    (v, part) -> part.equals("active") ? v : 2 * v);
        });

        TimeSeriesCollection lines = (TimeSeriesCollection) line.chart().getXYPlot().getDataset();
        assertThat(lines.getItemCount(0)).isEqualTo(23);
        assertThat(lines.getY(0, 10)).isEqualTo(10.0 + 10 % 3);
        assertThat(lines.getY(0, 11)).isNull();
        assertThat(lines.getY(0, 12)).isNull();
        assertThat(lines.getY(0, 13)).isEqualTo(10.0 + 41 % 3);
        assertThat(java.util.stream.IntStream.range(0, 23).filter(i -> lines.getY(0, i) == null)).hasSize(2);

        TimeTableXYDataset areas = (TimeTableXYDataset) stack.chart().getXYPlot().getDataset();
        assertThat(areas.getItemCount()).isEqualTo(23);
        assertThat(Map.of("active", areas.getYValue(0, 11), "idle", areas.getYValue(1, 12)))
                .containsEntry("active", 0.0).containsEntry("idle", 0.0);
        assertThat(areas.getYValue(1, 13)).isEqualTo(2 * (10.0 + 41 % 3));

        Scene scene = FxToolkit.setupFixture(() -> new Scene(new VBox(line.node(), stack.node()), 640, 520));
        FxToolkit.setupStage(stage -> {
            stage.setScene(scene);
            stage.show();
        });
        Screenshots.save(scene, "chart-gap");
    }
}
