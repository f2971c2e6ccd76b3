package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rscale.plots.DepthLossFigure.Cell;
import org.rscale.plots.DepthLossFigure.Status;
import org.rscale.sweeps.testing.QuietConsole;

@ExtendWith(QuietConsole.class)
class DepthLossFigureTest {

    private static List<Cell> cells() {
        return List.of(
                new Cell(3, 5e-4, 8e-4, Status.CONVERGED),
                new Cell(3, 6e-4, 9e-4, Status.CONVERGED),
                new Cell(100, 2e-3, 3e-3, Status.STALLED),
                new Cell(1000, 4e-2, Double.NaN, Status.MAX_EPOCHS),
                Cell.diverged(5000),
                new Cell(9100, Double.NaN, Double.NaN, Status.DIVERGED));
    }

    @Test
    void oneSeriesPerStatusPlusTestDivergedAndThreshold() {
        XYChart chart = new DepthLossFigure("MNIST", 1e-3, cells()).draw().chart();
        assertEquals(List.of("train: converged", "train: stalled", "train: max epochs", DepthLossFigure.TEST_SERIES,
                DepthLossFigure.DIVERGED_SERIES, DepthLossFigure.EPSILON_SERIES),
                new ArrayList<>(chart.getSeriesMap().keySet()));
        assertArrayEquals(new double[] {5e-4, 6e-4}, chart.getSeriesMap().get("train: converged").getYData());
        assertEquals(3, chart.getSeriesMap().get(DepthLossFigure.TEST_SERIES).getXData().length, "NaN test loss is absent");
        assertEquals("final loss", chart.getYAxisTitle());
        assertEquals("depth L", chart.getXAxisTitle());
    }

    @Test
    void divergedCellsSitInABandAboveTheTopDecade() {
        XYChart chart = new DepthLossFigure("", 1e-3, cells()).draw().chart();
        XYSeries diverged = chart.getSeriesMap().get(DepthLossFigure.DIVERGED_SERIES);
        assertArrayEquals(new double[] {5000, 9100}, diverged.getXData());
        // largest finite loss 4e-2 -> top decade 10^-1; band 0.4 decade above it
        double top = 0.1 * Math.pow(10, DepthLossFigure.DIVERGED_BAND_DECADES);
        assertArrayEquals(new double[] {top, top}, diverged.getYData());
        assertEquals(top, chart.getStyler().getYAxisMax());
        assertEquals("diverged (2), drawn at top", diverged.getLabel());
    }

    @Test
    void thresholdIsAHorizontalLineAcrossTheAxis() {
        XYChart chart = new DepthLossFigure("", 1e-3, cells()).draw().chart();
        XYSeries eps = chart.getSeriesMap().get(DepthLossFigure.EPSILON_SERIES);
        assertArrayEquals(new double[] {chart.getStyler().getXAxisMin(), chart.getStyler().getXAxisMax()},
                eps.getXData());
        assertArrayEquals(new double[] {1e-3, 1e-3}, eps.getYData());
        assertEquals("threshold \u03B5 = 10\u207B\u00B3", eps.getLabel());
        assertTrue(eps.getLineStyle().getDashArray() != null);
    }

    @Test
    void everyCellDivergedStillGivesAFigure() {
        Figure f = new DepthLossFigure("", 1e-3, List.of(Cell.diverged(10), Cell.diverged(100))).draw();
        assertEquals(List.of(DepthLossFigure.DIVERGED_SERIES, DepthLossFigure.EPSILON_SERIES),
                new ArrayList<>(f.chart().getSeriesMap().keySet()));
        assertTrue(FigureFiles.png(f).length > 0);
    }

    @Test
    void lossesALogAxisCannotShowAreOmittedAndReported() {
        Figure f = new DepthLossFigure("", 1e-3, List.of(
                new Cell(3, 5e-4, -1, Status.CONVERGED),
                new Cell(10, 0, 1e-3, Status.CONVERGED),
                new Cell(30, 7e-4, 1e-3, Status.CONVERGED))).draw();
        XYSeries train = f.chart().getSeriesMap().get("train: converged");
        assertArrayEquals(new double[] {3, 30}, train.getXData());
        assertEquals("train: converged (1 omitted: not > 0)", train.getLabel());
        assertEquals("test loss (1 omitted: not > 0)", f.chart().getSeriesMap().get("test loss").getLabel());
        assertEquals(2, f.notes().size(), f.notes().toString());
    }

    @Test
    void malformedInputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DepthLossFigure("sweep", 1e-3, List.of()));
        assertTrue(e.getMessage().contains("'sweep' has no cell"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new DepthLossFigure("", 0, cells()));
        assertTrue(e.getMessage().contains("epsilon"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DepthLossFigure("", Double.POSITIVE_INFINITY, cells()));
        e = assertThrows(IllegalArgumentException.class, () -> new Cell(0, 1, 1, Status.CONVERGED));
        assertTrue(e.getMessage().contains("depth 0.0"), e.getMessage());
    }

    @Test
    void anUnknownThresholdAndUnknownStatusesAreDrawnWithoutALine() {
        Figure f = new DepthLossFigure("foreign", Double.NaN, List.of(
                new Cell(3, 1e-3, Double.NaN, Status.UNKNOWN), new Cell(30, 2e-3, Double.NaN, Status.UNKNOWN))).draw();
        assertTrue(f.chart().getSeriesMap().containsKey("train: status unknown"));
        assertTrue(!f.chart().getSeriesMap().containsKey(DepthLossFigure.EPSILON_SERIES), "no threshold line");
        assertTrue(f.notes().contains("convergence threshold unknown: not drawn"), f.notes().toString());
    }
}
