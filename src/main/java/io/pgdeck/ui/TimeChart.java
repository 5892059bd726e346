package io.pgdeck.ui;

import io.pgdeck.sample.Gaps;
import io.pgdeck.sample.History;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import javafx.scene.Node;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.time.TimeTableXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * A chart of values over time (JFreeChart-FX): lines, or stacked areas for parts of a whole
 * such as connections by state. The view hands it history points; it redraws once per update.
 */
public final class TimeChart {

    private static final Color[] PALETTE = {
        new Color(0x0969da), new Color(0x1a7f37), new Color(0xbf8700), new Color(0xcf222e),
        new Color(0x8250df), new Color(0x57606a), new Color(0x1b7c83), new Color(0xbc4c00)};

    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final TimeSeriesCollection lines;
    private final TimeTableXYDataset stacked;
    private final Map<String, TimeSeries> series = new LinkedHashMap<>();

    private TimeChart(String title, String valueLabel, boolean stack) {
        DateAxis time = new DateAxis();
        time.setLowerMargin(0);
        time.setUpperMargin(0);
        NumberAxis values = new NumberAxis(valueLabel);
        values.setAutoRangeIncludesZero(true);
        // plain figures on the axis: JFreeChart's default switches to 8E-5 for small ranges
        values.setNumberFormatOverride(new java.text.DecimalFormat("#,##0.###"));
        XYDataset dataset;
        XYItemRenderer renderer;
        if (stack) {
            stacked = new TimeTableXYDataset();
            lines = null;
            dataset = stacked;
            renderer = new StackedXYAreaRenderer2();
        } else {
            lines = new TimeSeriesCollection();
            stacked = null;
            dataset = lines;
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            renderer = r;
        }
        for (int i = 0; i < PALETTE.length; i++) {
            renderer.setSeriesPaint(i, PALETTE[i]);
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(dataset, time, values, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xe5e7eb));
        plot.setRangeGridlinePaint(new Color(0xe5e7eb));
        plot.setOutlineVisible(false);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setTitle(new TextTitle(title, new Font("SansSerif", Font.BOLD, 13)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        viewer = new ChartViewer(chart);
        viewer.setMinSize(200, 160);
        viewer.setPrefSize(480, 240);
    }

    public static TimeChart lines(String title, String valueLabel) {
        return new TimeChart(title, valueLabel, false);
    }

    public static TimeChart stacked(String title, String valueLabel) {
        return new TimeChart(title, valueLabel, true);
    }

    /** For values that move in a narrow band far from zero, such as a cache hit ratio near 100 %. */
    public TimeChart fitToData() {
        NumberAxis axis = (NumberAxis) chart.getXYPlot().getRangeAxis();
        axis.setAutoRangeIncludesZero(false);
        // a flat line would otherwise get a range of 1e-8 and labels like 1E2
        axis.setAutoRangeMinimumSize(1.0);
        return this;
    }

    /** Marks every point: for series sampled rarely (sizes), where a line of one point draws nothing. */
    public TimeChart withPoints() {
        if (chart.getXYPlot().getRenderer() instanceof XYLineAndShapeRenderer r) {
            r.setDefaultShapesVisible(true);
        }
        return this;
    }

    public Node node() {
        return viewer;
    }

    public JFreeChart chart() {
        return chart;
    }

    /**
     * Replaces one line with the given points; NaN values (a statistics reset) and missing
     * samples (an outage, see {@link Gaps}) leave a gap instead of a straight line across.
     */
    public <T> void line(String name, List<History.Point<T>> points, ToDoubleFunction<T> value) {
        TimeSeries s = series.computeIfAbsent(name, n -> {
            TimeSeries created = new TimeSeries(n);
            lines.addSeries(created);
            return created;
        });
        s.setNotify(false);
        s.clear();
        for (History.Point<T> p : Gaps.marked(points)) {
            // a null y is where XYLineAndShapeRenderer stops the line and starts it again
            double v = p.value() == null ? Double.NaN : value.applyAsDouble(p.value());
            s.addOrUpdate(new FixedMillisecond(p.at().toEpochMilli()), Double.isNaN(v) ? null : v);
        }
        s.setNotify(true);
        s.fireSeriesChanged();
    }

    /** Replaces all stacked areas: for each point, the value of every named part; zero across missing samples. */
    public <T> void stack(List<String> parts, List<History.Point<T>> points, PartValue<T> value) {
        stacked.setNotify(false);
        stacked.clear();
        for (History.Point<T> p : Gaps.marked(points)) {
            FixedMillisecond at = new FixedMillisecond(Date.from(p.at()));
            for (String part : parts) {
                stacked.add(at, p.value() == null ? 0 : value.of(p.value(), part), part, false);
            }
        }
        stacked.setNotify(true);
    }

    @FunctionalInterface
    public interface PartValue<T> {
        double of(T point, String part);
    }
}
