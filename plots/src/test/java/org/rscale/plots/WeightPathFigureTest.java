package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.None;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class WeightPathFigureTest {

    private static WeightPathFigure.Curve curve(int L, long seed) {
        Random rng = new Random(seed);
        double[] v = new double[L];
        for (int k = 0; k < L; k++) {
            v[k] = Math.sin(2 * Math.PI * k / L) + 0.1 * rng.nextGaussian();
        }
        return new WeightPathFigure.Curve(L, v);
    }

    @Test
    void oneSeriesPerDepthDeepestFirstWithPointsAtKOverL() {
        List<WeightPathFigure.Curve> curves = List.of(curve(10, 1), curve(1000, 2), curve(100, 3));
        XYChart chart = new WeightPathFigure("", "A_k[3,7]", 0.2, curves).draw().chart();
        assertEquals(List.of("L = 1000", "L = 100", "L = 10"), new ArrayList<>(chart.getSeriesMap().keySet()));
        for (WeightPathFigure.Curve c : curves) {
            XYSeries s = chart.getSeriesMap().get(WeightPathFigure.seriesName(c.depth()));
            int L = c.depth();
            assertEquals(L, s.getXData().length);
            double scale = Math.pow(L, 0.2);
            for (int k = 0; k < L; k++) {
                assertEquals((double) k / L, s.getXData()[k]);
                assertEquals(scale * c.values()[k], s.getYData()[k]);
            }
        }
        assertEquals("t = k/L", chart.getXAxisTitle());
        assertEquals(0.0, chart.getStyler().getXAxisMin());
        assertEquals(1.0, chart.getStyler().getXAxisMax());
    }

    @Test
    void yAxisTitleShowsTheRescaling() {
        List<WeightPathFigure.Curve> c = List.of(curve(10, 1));
        assertEquals("A_k[3,7]", WeightPathFigure.of("A_k[3,7]", c).yAxisTitle());
        // a real superscript beta, and its value
        assertEquals("L\u1D5D A_k[3,7]  (\u03B2 = 0.20)", new WeightPathFigure("", "A_k[3,7]", 0.2, c).yAxisTitle());
        assertEquals("L\u1D5D b_k[2]  (\u03B2 = \u22120.50)", new WeightPathFigure("", "b_k[2]", -0.5, c).yAxisTitle());
        assertEquals("L \u00B7 A_k[3,7]", new WeightPathFigure("", "A_k[3,7]", 1, c).yAxisTitle());
        assertEquals("L\u1D5D A_k[3,7]  (\u03B2 = 0.20)",
                new WeightPathFigure("", "A_k[3,7]", 0.2, c).draw().chart().getYAxisTitle());
    }

    @Test
    void shortCurvesGetMarkersLongOnesOnlyThinLinesColouredByDepth() {
        XYChart chart = WeightPathFigure.of("A", List.of(curve(10, 1), curve(10000, 2), curve(300, 3))).draw().chart();
        XYSeries shallow = chart.getSeriesMap().get("L = 10");
        XYSeries deep = chart.getSeriesMap().get("L = 10000");
        assertInstanceOf(PaperMarker.class, shallow.getMarker());
        assertInstanceOf(None.class, deep.getMarker());
        assertEquals(XYSeries.XYSeriesRenderStyle.Line, deep.getXYSeriesRenderStyle());
        // lightness grows with depth, so the order survives grey print
        double l10 = luminance(shallow.getLineColor());
        double l300 = luminance(chart.getSeriesMap().get("L = 300").getLineColor());
        double l10000 = luminance(deep.getLineColor());
        assertTrue(l10 < l300 && l300 < l10000, l10 + " " + l300 + " " + l10000);
    }

    private static double luminance(Color c) {
        return 0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue();
    }

    @Test
    void nonFiniteValuesAreOmittedAndReported() {
        double[] v = {1, Double.NaN, 3, Double.POSITIVE_INFINITY, 5};
        Figure f = WeightPathFigure.of("A", List.of(new WeightPathFigure.Curve(5, v))).draw();
        XYSeries s = f.chart().getSeriesMap().get("L = 5");
        assertEquals(3, s.getXData().length);
        assertEquals(0.4, s.getXData()[1]);
        assertEquals("L = 5 (2 omitted)", s.getLabel());
        assertEquals(List.of("L = 5: 2 NaN/infinite values omitted"), f.notes());
    }

    @Test
    void manyDepthsGetAShortenedLegend() {
        List<WeightPathFigure.Curve> curves = new ArrayList<>();
        for (int L = 3; L <= 22; L++) {
            curves.add(curve(L, L));
        }
        Figure f = WeightPathFigure.of("A", curves).draw();
        long shown = f.chart().getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count();
        assertEquals(WeightPathFigure.LEGEND_SHOWN, shown);
        assertTrue(f.chart().getSeriesMap().get("L = 22").isShowInLegend());
        assertTrue(f.chart().getSeriesMap().get("L = 3").isShowInLegend());
        assertEquals(1, f.notes().size());
        assertEquals(20, f.chart().getSeriesMap().size());
    }

    @Test
    void constantEntryStillGetsARange() {
        Figure f = WeightPathFigure.of("A", List.of(new WeightPathFigure.Curve(3, new double[] {0, 0, 0}))).draw();
        assertEquals(-1.0, f.chart().getStyler().getYAxisMin());
        assertEquals(1.0, f.chart().getStyler().getYAxisMax());
        assertTrue(FigureFiles.png(f).length > 0);
    }

    @Test
    void aOneLayerNetworkIsOnePoint() {
        Figure f = WeightPathFigure.of("A", List.of(new WeightPathFigure.Curve(1, new double[] {0.5}))).draw();
        XYSeries s = f.chart().getSeriesMap().get("L = 1");
        assertEquals(1, s.getXData().length);
        assertEquals(0.0, s.getXData()[0]);
        assertTrue(FigureFiles.png(f).length > 0);
    }

    @Test
    void malformedInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightPathFigure.of("A_k[3,7]", List.of()));
        assertTrue(e.getMessage().contains("no curve"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WeightPathFigure.Curve(4, new double[3]));
        assertTrue(e.getMessage().contains("L = 4 has 3 values"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WeightPathFigure.Curve(0, new double[0]));
        e = assertThrows(IllegalArgumentException.class,
                () -> WeightPathFigure.of("A", List.of(curve(5, 1), curve(5, 2))));
        assertTrue(e.getMessage().contains("two curves of depth L = 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new WeightPathFigure("", "A", Double.NaN, List.of(curve(5, 1))));
        WeightPathFigure allNaN = WeightPathFigure.of("A",
                List.of(new WeightPathFigure.Curve(2, new double[] {Double.NaN, Double.NaN})));
        e = assertThrows(IllegalArgumentException.class, allNaN::draw);
        assertTrue(e.getMessage().contains("nothing to plot"), e.getMessage());
    }

    @Test
    void tenThousandPointsRenderQuickly() {
        Figure f = WeightPathFigure.of("A", List.of(curve(10000, 1))).draw();
        long start = System.nanoTime();
        byte[] png = FigureFiles.png(f);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(png.length > 0);
        assertTrue(ms < 5000, "rendering took " + ms + " ms");
        assertFalse(f.chart().getSeriesMap().get("L = 10000").getMarker() instanceof PaperMarker);
    }
}
