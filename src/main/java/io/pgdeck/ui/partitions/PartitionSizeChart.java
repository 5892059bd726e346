package io.pgdeck.ui.partitions;

import io.pgdeck.catalog.Partition;
import io.pgdeck.catalog.PartitionSet;
import io.pgdeck.catalog.TimeRange;
import java.awt.Color;
import java.awt.Font;
import java.time.ZoneOffset;
import javafx.scene.Node;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/** Partition sizes along the time axis of a range set: one bar per partition, as wide as its range. */
final class PartitionSizeChart {

    private final XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    private final JFreeChart chart;
    private final ChartViewer viewer;

    PartitionSizeChart() {
        XYBarRenderer renderer = new XYBarRenderer(0.05);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x0969da));
        NumberAxis size = new NumberAxis("size (kB)");
        XYPlot plot = new XYPlot(data, new DateAxis(), size, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xd0d7de));
        plot.setDomainGridlinePaint(new Color(0xd0d7de));
        chart = new JFreeChart(plot);
        chart.setTitle(new TextTitle("Partition sizes over time", new Font("SansSerif", Font.BOLD, 13)));
        chart.removeLegend();
        chart.setBackgroundPaint(Color.WHITE);
        viewer = new ChartViewer(chart);
        viewer.setId("partition-sizes");
        viewer.setPrefHeight(220);
        viewer.setMinHeight(180);
    }

    void show(PartitionSet set) {
        data.removeAllSeries();
        if (set == null) {
            return;
        }
        XYIntervalSeries series = new XYIntervalSeries(set.qualifiedName());
        for (Partition p : set.timePartitions()) {
            TimeRange r = p.timeRange().orElseThrow();
            double from = r.from().toInstant(ZoneOffset.UTC).toEpochMilli();
            double to = r.to().toInstant(ZoneOffset.UTC).toEpochMilli();
            double kb = p.sizeBytes() / 1024.0;
            series.add(from, from, to, kb, kb, kb);
        }
        data.addSeries(series);
        chart.setTitle("Partition sizes over time: " + set.qualifiedName()
                + (set.timePartitions().isEmpty() ? " (not a time range set)" : ""));
    }

    Node node() {
        return viewer;
    }
}
