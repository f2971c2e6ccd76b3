package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class ScalingFigureTest {

    private static final double[] DEPTHS = {3, 10, 30, 100, 300, 1000, 9100};

    private static double[] power(double c, double slope) {
        double[] v = new double[DEPTHS.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = c * Math.pow(DEPTHS[i], slope);
        }
        return v;
    }

    private static ScalingFigure threeSeries() {
        return new ScalingFigure("tanh, shared δ", "A_k", List.of(
                ScalingFigure.Series.of("max norm", DEPTHS, power(0.8, -0.21),
                        ScalingFigure.FittedLine.of(-0.21, Math.log(0.8), -0.24, -0.18)),
                ScalingFigure.Series.of("increment", DEPTHS, power(0.5, -1.2),
                        ScalingFigure.FittedLine.of(-1.2, Math.log(0.5), -1.25, -1.15)),
                ScalingFigure.Series.of("root SSQ", DEPTHS, power(0.3, 0.3))));
    }

    @Test
    void drawsOnePointSeriesPerStatisticAndOneLinePerFit() {
        XYChart chart = threeSeries().draw().chart();
        assertEquals(List.of("max norm", "increment", "root SSQ", "max norm (fit)", "increment (fit)"),
                new ArrayList<>(chart.getSeriesMap().keySet()));
        for (String name : List.of("max norm", "increment", "root SSQ")) {
            XYSeries s = chart.getSeriesMap().get(name);
            assertEquals(DEPTHS.length, s.getXData().length, name);
            assertArrayEquals(DEPTHS, s.getXData(), name);
            assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, s.getXYSeriesRenderStyle());
            assertTrue(s.isShowInLegend());
        }
        assertFalse(chart.getSeriesMap().get("max norm (fit)").isShowInLegend());
        assertEquals("depth L", chart.getXAxisTitle());
        assertEquals("statistic of A_k", chart.getYAxisTitle());
        assertEquals("tanh, shared δ", chart.getTitle());
        assertTrue(chart.getStyler().isXAxisLogarithmic());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
    }

    @Test
    void fittedLineEndpointsAreExactlyThePowerLawAtTheDepthRange() {
        double slope = -0.21;
        double intercept = Math.log(0.8) + 0.01;
        ScalingFigure figure = new ScalingFigure("", "A_k", List.of(ScalingFigure.Series.of("max norm",
                new double[] {30, 3, 9100, 100}, new double[] {0.4, 0.6, 0.1, 0.3},
                ScalingFigure.FittedLine.of(slope, intercept, -0.3, -0.1))));
        XYSeries line = figure.draw().chart().getSeriesMap().get(ScalingFigure.fitSeriesName("max norm"));
        assertArrayEquals(new double[] {3, 9100}, line.getXData());
        assertArrayEquals(new double[] {Math.exp(intercept + slope * Math.log(3)),
            Math.exp(intercept + slope * Math.log(9100))}, line.getYData());
        assertEquals(XYSeries.XYSeriesRenderStyle.Line, line.getXYSeriesRenderStyle());
        assertTrue(line.getLineStyle().getDashArray() != null, "fitted line is dashed");
    }

    @Test
    void legendGivesSlopeWithItsInterval() {
        XYChart chart = threeSeries().draw().chart();
        assertEquals("max norm: slope \u22120.21 [\u22120.24, \u22120.18]", chart.getSeriesMap().get("max norm").getLabel());
        assertEquals("root SSQ", chart.getSeriesMap().get("root SSQ").getLabel());
    }

    @Test
    void legendTextShowsLevelWhenNot95AndMoreDecimalsForNarrowIntervals() {
        assertEquals("slope 0.50 [0.40, 0.60] (90%)", new ScalingFigure.FittedLine(0.5, 0, 0.4, 0.6, 0.9).legendText());
        assertEquals("slope \u22120.210 [\u22120.213, \u22120.207]",
                ScalingFigure.FittedLine.of(-0.21, 0, -0.213, -0.207).legendText());
        assertEquals("slope 1.00", ScalingFigure.FittedLine.of(1, 0, Double.NaN, Double.NaN).legendText());
    }

    @Test
    void nonPositiveAndNonFiniteValuesAreOmittedAndReported() {
        ScalingFigure figure = new ScalingFigure("", "A_k", List.of(ScalingFigure.Series.of("increment",
                new double[] {3, 10, 30, 100, 300}, new double[] {1, 0, -2, Double.NaN, 3})));
        Figure drawn = figure.draw();
        XYSeries s = drawn.chart().getSeriesMap().get("increment");
        assertArrayEquals(new double[] {3, 300}, s.getXData());
        assertArrayEquals(new double[] {1, 3}, s.getYData());
        assertTrue(s.getLabel().contains("2 values \u2264 0 omitted"), s.getLabel());
        assertTrue(s.getLabel().contains("1 NaN/infinite value omitted"), s.getLabel());
        assertEquals(1, drawn.notes().size());
        assertTrue(drawn.notes().get(0).startsWith("'increment'"), drawn.notes().get(0));
    }

    @Test
    void aSeriesWithNothingDrawableIsLeftOutWithANote() {
        ScalingFigure figure = new ScalingFigure("", "A_k", List.of(
                ScalingFigure.Series.of("zero", new double[] {3, 10}, new double[] {0, 0},
                        ScalingFigure.FittedLine.of(1, 0, 0.5, 1.5)),
                ScalingFigure.Series.of("fine", new double[] {3, 10}, new double[] {1, 2})));
        Figure drawn = figure.draw();
        assertEquals(List.of("fine"), new ArrayList<>(drawn.chart().getSeriesMap().keySet()));
        assertTrue(drawn.notes().get(0).contains("'zero'"), drawn.notes().toString());
    }

    @Test
    void nothingDrawableAtAllIsAnError() {
        ScalingFigure figure = new ScalingFigure("g", "A_k", List.of(
                ScalingFigure.Series.of("zero", new double[] {3, 10}, new double[] {0, Double.NaN})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, figure::draw);
        assertTrue(e.getMessage().contains("nothing to plot"), e.getMessage());
    }

    @Test
    void malformedInputIsRejectedWithAMessageNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ScalingFigure("g", "A_k", List.of()));
        assertTrue(e.getMessage().contains("no series"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ScalingFigure.Series.of("max norm", new double[0], new double[0]));
        assertTrue(e.getMessage().contains("'max norm' has no points"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ScalingFigure.Series.of("max norm", new double[] {3, 4}, new double[] {1}));
        assertTrue(e.getMessage().contains("2 depths but 1 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ScalingFigure.Series.of("max norm", new double[] {3, -4}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("-4.0 at index 1"), e.getMessage());
        ScalingFigure.Series s = ScalingFigure.Series.of("a", new double[] {3}, new double[] {1});
        e = assertThrows(IllegalArgumentException.class, () -> new ScalingFigure("g", "A_k", List.of(s, s)));
        assertTrue(e.getMessage().contains("two series labelled 'a'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ScalingFigure.FittedLine.of(0.1, 0, 0.2, 0.0));
        assertThrows(IllegalArgumentException.class, () -> ScalingFigure.FittedLine.of(0.1, 0, Double.NaN, 0.2));
        assertThrows(IllegalArgumentException.class, () -> new ScalingFigure.FittedLine(0.1, 0, 0, 0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> ScalingFigure.FittedLine.of(Double.NaN, 0, 0, 0.2));
    }

    @Test
    void inputArraysAreCopied() {
        double[] depths = {3, 10};
        double[] values = {1, 2};
        ScalingFigure.Series s = ScalingFigure.Series.of("a", depths, values);
        depths[0] = -1;
        values[0] = 99;
        assertArrayEquals(new double[] {3, 10}, s.depths());
        assertArrayEquals(new double[] {1, 2}, s.values());
        s.values()[1] = 7;
        assertArrayEquals(new double[] {1, 2}, s.values());
    }

    @Test
    void axesFollowTheDataAndFitNotWholeDecades() {
        XYChart chart = threeSeries().draw().chart();
        // depths 3..9100: the axis starts just below 3 (padded by 4% of the span in log space), not at 1
        double[] x = PaperChart.padLog(3, 9100);
        assertEquals(x[0], chart.getStyler().getXAxisMin(), 1e-12);
        assertEquals(x[1], chart.getStyler().getXAxisMax(), 1e-9);
        assertTrue(x[0] > 2 && x[0] < 3 && x[1] > 9100 && x[1] < 13000, java.util.Arrays.toString(x));
        // smallest value 0.5 * 9100^-1.2 ~ 9e-6, largest 0.3 * 9100^0.3 ~ 4.6: the axis covers them, barely more
        assertTrue(chart.getStyler().getYAxisMin() < 9e-6 && chart.getStyler().getYAxisMin() > 3e-6,
                "y from " + chart.getStyler().getYAxisMin());
        assertTrue(chart.getStyler().getYAxisMax() > 4.6 && chart.getStyler().getYAxisMax() < 15,
                "y to " + chart.getStyler().getYAxisMax());
    }

    @Test
    void legendBelowThePlotAddsItsHeightToTheCanvas() {
        PaperStyle style = PaperStyle.singleColumn();
        XYChart one = new ScalingFigure("", "A_k", List.of(ScalingFigure.Series.of("a", DEPTHS, power(1, -1))))
                .draw(style).chart();
        XYChart three = threeSeries().draw(style).chart();
        assertTrue(one.getHeight() > style.heightPixels(), "legend adds height");
        assertTrue(three.getHeight() > one.getHeight(), "three legend lines need more height than one");
    }
}
