package org.rscale.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rscale.analysis.AnalysisSettings;
import org.rscale.analysis.ConvAnalysisSettings;
import org.rscale.fits.dynamics.DynamicsSettings;
import org.rscale.fits.paths.LimitSettings;
import org.rscale.fits.sweep.SweepLimitSettings;
import org.rscale.plots.FigureOptions;
import org.rscale.sweeps.bench.ConvBenchmark;
import org.rscale.sweeps.bench.KernelBenchmark;
import org.rscale.sweeps.initscan.ScanConfig;
import org.rscale.sweeps.plan.LocalSweep;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the command-line options, taken from the library's settings records (each default is defined
 * once, there): picocli asks this provider for an option's default and shows it in the help as
 * {@code ${DEFAULT-VALUE}}. Options are found by their longest name; an option this table does not know has no
 * default.
 */
final class LibraryDefaults implements IDefaultValueProvider {

    private static final Map<String, String> DEFAULTS = table();

    /** The bench's table, built when first asked for (it reads a preset). */
    private static final class Bench {
        static final Map<String, String> TABLE = bench();
    }

    private static Map<String, String> table() {
        Map<String, String> m = new HashMap<>();
        AnalysisSettings a = AnalysisSettings.DEFAULTS;
        m.put("--level", text(a.level()));
        m.put("--increment-exponent", text(a.incrementExponent()));
        ConvAnalysisSettings c = a.conv();
        m.put("--top-singular-values", Integer.toString(c.topK()));
        m.put("--stride-rule", c.strideRule().key());
        m.put("--input-size", c.layout().inputHeight() == c.layout().inputWidth()
                ? Integer.toString(c.layout().inputHeight()) : c.layout().inputHeight() + "x" + c.layout().inputWidth());
        m.put("--block-names", c.layout().names().block());
        m.put("--conv1-name", c.layout().names().conv1());
        m.put("--conv2-name", c.layout().names().conv2());
        m.put("--shortcut-names", String.join(",", c.layout().names().shortcuts()));
        m.put("--conv-jobs", Integer.toString(c.jobs()));
        FigureOptions f = FigureOptions.DEFAULTS;
        m.put("--formats", String.join(",", f.formats().stream().sorted()
                .map(x -> x.name().toLowerCase(Locale.ROOT)).toList()));
        m.put("--width", f.width().name().toLowerCase(Locale.ROOT));
        m.put("--entry", "auto");
        m.put("--jobs", Integer.toString(LocalSweep.defaultJobs()));
        LimitSettings l = LimitSettings.defaults();
        m.put("--n-times", Integer.toString(l.nTimes()));
        m.put("--trend-depths", Integer.toString(l.trendDepths()));
        m.put("--skip-deepest", Integer.toString(l.skipDeepest()));
        m.put("--exponent-source", l.exponentSource().key());
        SweepLimitSettings s = SweepLimitSettings.defaults();
        m.put("--compare-depths", Integer.toString(s.compareDepths()));
        m.put("--min-compare-depth", Integer.toString(s.minCompareDepth()));
        m.put("--samples", Integer.toString(s.samples()));
        m.put("--paths", Integer.toString(s.paths()));
        m.put("--steps", Integer.toString(s.steps()));
        m.put("--seed", Long.toString(s.seed()));
        m.put("--activation", s.foreignActivation().key());
        DynamicsSettings dyn = DynamicsSettings.defaults();
        m.put("--dynamics-samples", Integer.toString(dyn.samples()));
        m.put("--modes", Integer.toString(dyn.modes()));
        return Map.copyOf(m);
    }

    /** The bench's defaults: its own table, since its --activation means the benched one. */
    private static Map<String, String> bench() {
        Map<String, String> m = new HashMap<>();
        KernelBenchmark.Grid g = KernelBenchmark.Grid.standard();
        m.put("--precisions", String.join(",", g.precisions()));
        m.put("--widths", join(g.widths()));
        m.put("--batches", join(g.batches()));
        m.put("--depths", join(g.depths()));
        m.put("--activation", g.activation());
        m.put("--delta", g.delta());
        m.put("--optimizer", g.optimizer());
        KernelBenchmark.Budget b = KernelBenchmark.Budget.standard();
        m.put("--warmup", Double.toString(b.warmupSeconds()));
        m.put("--min-steps", Integer.toString(b.minSteps()));
        m.put("--max-steps", Integer.toString(b.maxSteps()));
        m.put("--max-seconds", Double.toString(b.maxSeconds()));
        ConvBenchmark.Settings conv = ConvBenchmark.Settings.standard(List.of());
        m.put("--conv-precision", conv.precision());
        m.put("--conv-rounds", Integer.toString(conv.rounds()));
        m.put("--conv-steps", Integer.toString(conv.steps()));
        m.put("--python", conv.python());
        // --mode init-scan times the jmlr-heatmap's unit
        ScanConfig heatmap = InitScanBench.heatmap();
        m.put("--columns", heatmap.betas().size() + "x" + heatmap.inputs());
        return Map.copyOf(m);
    }

    private static String join(List<Integer> xs) {
        return String.join(",", xs.stream().map(String::valueOf).toList());
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec o) {
            boolean bench = o.command() != null && "bench".equals(o.command().name());
            return (bench ? Bench.TABLE : DEFAULTS).get(o.longestName());
        }
        return null;
    }
}
