package io.pgdeck.ui;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import javafx.scene.Node;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Horizontal stacked bars (JFreeChart-FX) for parts of a whole per named thing, such as the
 * live and bloated bytes of the largest tables. The view hands it rows; it redraws once per update.
 */
public final class StackedBars {

    private static final Color[] PALETTE = {new Color(0x1a7f37), new Color(0xcf222e), new Color(0xbf8700),
        new Color(0x0969da), new Color(0x8250df)};

    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final DefaultCategoryDataset dataset = new DefaultCategoryDataset();

    public StackedBars(String title, String valueLabel) {
        CategoryAxis names = new CategoryAxis();
        names.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 10));
        names.setMaximumCategoryLabelWidthRatio(0.6f);
        NumberAxis values = new NumberAxis(valueLabel);
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setMaximumBarWidth(0.08);
        for (int i = 0; i < PALETTE.length; i++) {
            renderer.setSeriesPaint(i, PALETTE[i]);
        }
        CategoryPlot plot = new CategoryPlot(dataset, names, values, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
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

    public Node node() {
        return viewer;
    }

    public JFreeChart chart() {
        return chart;
    }

    /** Replaces all bars: for each row, the value of every named part, stacked in the order given. */
    public <T> void bars(List<String> parts, List<T> rows, java.util.function.Function<T, String> label,
                         TimeChart.PartValue<T> value) {
        dataset.setNotify(false);
        dataset.clear();
        for (T row : rows) {
            for (String part : parts) {
                dataset.addValue(value.of(row, part), part, label.apply(row));
            }
        }
        dataset.setNotify(true);
    }
}
