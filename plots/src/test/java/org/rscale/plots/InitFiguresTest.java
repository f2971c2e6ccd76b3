package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.rscale.sweeps.init.Initialisation;
import org.rscale.sweeps.initscan.PathsTable;
import org.rscale.sweeps.initscan.RatiosTable;
import org.rscale.sweeps.initstudy.BranchModel;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * The figures of an initialisation scan: the phase diagram's colours and cells (non-finite ones
 * apart), numpy's automatic histogram bins, the depth bands' axes, the composite of panels, and
 * which figures a scan of a given shape gets.
 */
@ExtendWith(QuietConsole.class)
class InitFiguresTest {

    @Test
    void phaseDiagramColoursAreCentredAtZeroAndClipped() {
        assertEquals(new Color(0xF7F7F7), PhaseDiagramFigure.Scale.LOG_CHANGE.colour(0));
        assertEquals(new Color(0x053061), PhaseDiagramFigure.Scale.LOG_CHANGE.colour(-1));
        assertEquals(new Color(0x67001F), PhaseDiagramFigure.Scale.LOG_CHANGE.colour(1));
        assertEquals(PhaseDiagramFigure.Scale.LOG_CHANGE.colour(1), PhaseDiagramFigure.Scale.LOG_CHANGE.colour(7.5), "clipped at the top");
        assertEquals(PhaseDiagramFigure.Scale.LOG_CHANGE.colour(-1), PhaseDiagramFigure.Scale.LOG_CHANGE.colour(-3), "clipped at the bottom");
        assertEquals(PhaseDiagramFigure.OVERFLOW, PhaseDiagramFigure.Scale.LOG_CHANGE.colour(Double.POSITIVE_INFINITY));
        assertEquals(PhaseDiagramFigure.UNDEFINED, PhaseDiagramFigure.Scale.LOG_CHANGE.colour(Double.NaN));
        assertEquals(PhaseDiagramFigure.NO_CHANGE, PhaseDiagramFigure.Scale.LOG_CHANGE.colour(Double.NEGATIVE_INFINITY));
        assertArrayEquals(new double[] {0.05, 0.15, 0.35, 0.65}, PhaseDiagramFigure.edges(new double[] {0.1, 0.2, 0.5}),
                1e-15);
    }

    @Test
    void phaseDiagramPaintsNonFiniteCellsApartAndCountsThem() {
        double[][] cells = {{Double.NaN, Double.POSITIVE_INFINITY}, {0.0, -5.0}};
        Figure f = new PhaseDiagramFigure("test", "mean log10", new double[] {0.3, 0.7}, new double[] {0.2, 1.0}, cells, PhaseDiagramFigure.Scale.LOG_CHANGE)
                .draw();
        assertEquals(List.of("1 cells +∞ (overflow), 1 NaN (undefined), 0 −∞ (no change)"), f.notes());
        BufferedImage img = render(f.chart());
        int plotQuarter = img.getWidth() * img.getHeight() / 40;
        assertTrue(count(img, PhaseDiagramFigure.UNDEFINED) > plotQuarter, "a NaN cell is grey");
        assertTrue(count(img, new Color(0x053061)) > plotQuarter, "-5 is painted as -1");
        assertEquals(0, count(img, PhaseDiagramFigure.NO_CHANGE), "no -inf cell, no -inf legend entry");
        assertTrue(new String(FigureFiles.svg(f), StandardCharsets.UTF_8).contains(PhaseDiagramFigure.BOUNDARY_LABEL
                .replace("&", "&amp;")), "the SVG's description names the boundary");
        assertThrows(IllegalArgumentException.class, () -> new PhaseDiagramFigure("t", "c", new double[] {0.5, 0.3},
                new double[] {0, 1}, cells, PhaseDiagramFigure.Scale.LOG_CHANGE));
        assertThrows(IllegalArgumentException.class, () -> new PhaseDiagramFigure("t", "c", new double[] {0.3, 0.5},
                new double[] {0, 1}, new double[][] {{1}}, PhaseDiagramFigure.Scale.LOG_CHANGE));
    }

    @Test
    void histogramBinsAreNumpysAuto() {
        // numpy 1.24.2: np.histogram_bin_edges(x, 'auto'), x = (0, 1, 4, ..., 99^2) / 100
        double[] squares = new double[100];
        for (int i = 0; i < 100; i++) {
            squares[i] = i * i / 100.0;
        }
        double[] e = HistogramFigure.edges(squares);
        assertEquals(9, e.length);
        assertEquals(12.25125, e[1], 1e-12);
        assertEquals(98.01, e[8], 0.0);
        // x_i = exp(2 sin i), i < 1000: 11 bins, e[1] = 0.7947540244131925 (libm's sin may differ in the last bit)
        double[] x = new double[1000];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.exp(2 * Math.sin(i));
        }
        java.util.Arrays.sort(x);
        double[] f = HistogramFigure.edges(x);
        assertEquals(12, f.length);
        assertEquals(0.7947540244131925, f[1], 1e-12);
        // interquartile range 0: Sturges' width, np.histogram_bin_edges([1, 2, 2, 2, 3], 'auto')
        assertArrayEquals(new double[] {1.0, 1.5, 2.0, 2.5, 3.0}, HistogramFigure.edges(new double[] {1, 2, 2, 2, 3}),
                0.0);
        Figure fig = new HistogramFigure("", "ratio", "5 networks", new double[] {1, 2, Double.NaN, 2, 3})
                .draw(PaperStyle.singleColumn());
        assertEquals(List.of("1 of 5 values are not finite and are not counted"), fig.notes());
    }

    @Test
    void depthBandsGoLogarithmicWhenTheyExplode() {
        double[] L = {10, 100, 1000};
        Figure flat = new DepthBandFigure("β = 0.5", "change", "mean", "band", L, new double[] {1, 1.1, 1.05},
                new double[] {0.9, 1.0, 0.95}, new double[] {1.1, 1.2, 1.15}).draw(PaperStyle.singleColumn());
        assertTrue(!flat.chart().getStyler().isYAxisLogarithmic());
        Figure exploding = new DepthBandFigure("β = 0.25", "change", "mean", "band", L,
                new double[] {1, 500, Double.POSITIVE_INFINITY}, new double[] {-1, 100, Double.NaN},
                new double[] {3, 900, Double.NaN}).draw(PaperStyle.singleColumn());
        assertTrue(exploding.chart().getStyler().isYAxisLogarithmic());
        assertTrue(exploding.notes().get(0).startsWith("1 of 3 depths have no finite mean"), exploding.notes().toString());
        assertTrue(exploding.notes().get(1).contains("lower bounds at or below 0"), exploding.notes().toString());
        Figure panels = new PanelFigure("two", List.of(flat, exploding)).draw();
        assertEquals(flat.chart().getWidth() + exploding.chart().getWidth(), panels.chart().getWidth());
        assertTrue(render(panels.chart()).getRGB(panels.chart().getWidth() - 5, 5) != 0);
    }

    @Test
    void aScanGetsTheFiguresItsShapeCallsFor(@TempDir Path tmp) throws IOException {
        List<RatiosTable.Row> rows = new ArrayList<>();
        // iid at two depths, 3 betas: change against depth, no histogram
        for (int depth : new int[] {10, 20}) {
            for (double beta : new double[] {0.25, 0.5, 1}) {
                for (int draw = 0; draw < 3; draw++) {
                    double c = Math.pow(depth, 0.5 - beta) * (1 + 0.1 * draw);
                    rows.add(new RatiosTable.Row(BranchModel.RES_3, Initialisation.IID, Double.NaN, 8, depth, beta,
                            draw, 0, 1 + c, c, 1 + c, c));
                }
            }
        }
        // smooth at one depth, one beta, 60 networks: histograms
        for (int draw = 0; draw < 60; draw++) {
            rows.add(new RatiosTable.Row(BranchModel.RES_3, Initialisation.SMOOTH, Double.NaN, 8, 50, 1.0, draw, 0,
                    1 + draw / 60.0, draw / 60.0, 1 + draw / 30.0, draw / 30.0));
        }
        // fbm on a 2 x 2 grid of (H, beta): phase diagrams
        for (double h : new double[] {0.3, 0.7}) {
            for (double beta : new double[] {0.2, 1.0}) {
                rows.add(new RatiosTable.Row(BranchModel.RES_1, Initialisation.FBM, h, 8, 50, beta, 0, 0, 2, 10 * beta,
                        2, Double.POSITIVE_INFINITY));
            }
        }
        List<PathsTable.Row> paths = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            paths.add(new PathsTable.Row(BranchModel.RES_1, Initialisation.FBM, 0.3, 8, 30, 0, 0, k, (k + 1) / 30.0,
                    Math.sin(k), Math.cos(k)));
        }
        InitFigures.Drawn drawn = InitFigures.draw(rows, paths, tmp);
        List<String> names = new ArrayList<>();
        for (Path f : drawn.files()) {
            if (f.toString().endsWith(".png")) {
                names.add(f.getFileName().toString());
                assertTrue(Files.size(f) > 1000, f.toString());
            }
        }
        assertEquals(List.of("change_output_res-3_iid_d8.png", "change_gradient_res-3_iid_d8.png",
                "histogram_output_ratio_res-3_smooth_d8_L50_beta1.png",
                "histogram_gradient_ratio_res-3_smooth_d8_L50_beta1.png", "phase_output_res-1_d8_L50.png",
                "phase_gradient_res-1_d8_L50.png", "weight_paths.png"), names);
        assertTrue(drawn.notes().stream().anyMatch(n -> n.startsWith("phase_gradient_res-1_d8_L50: 4 cells +∞")),
                drawn.notes().toString());
    }

    private static BufferedImage render(XYChart chart) {
        BufferedImage img = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        return img;
    }

    private static int count(BufferedImage img, Color c) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF) ? 1 : 0;
            }
        }
        return n;
    }
}
