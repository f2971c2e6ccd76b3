package org.rscale.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.rscale.analysis.SweepAnalysis;
import org.rscale.fits.Estimate;
import org.rscale.fits.GroupVerdict;
import org.rscale.fits.RegimeCriteria;
import org.rscale.fits.RegimeVerdict;
import org.rscale.fits.VerdictReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rscale exponents}: the scaling exponents of one or more sweeps side by side, and their differences: the
 * recipe of the optimiser ablation (does the depth-varying part of the weights shrink with SGD?).
 */
@Command(name = "exponents", mixinStandardHelpOptions = true,
        header = "Compare the depth-average and varying-part exponents of sweeps (e.g. Adam against SGD).",
        description = {"Analyses each DIR as 'rscale analyze' does (nothing is written) and prints, per group, the "
                + "judged tensor's exponents with their intervals: beta (max norm, or its robust stand-in), beta_avg "
                + "(the depth average M = mean_k T_k shrinks like L^-beta_avg), beta_var (the depth-varying part "
                + "T_k - M, its max over k, else its RMS) and alpha (a shared |delta|). With two or more DIRs, the "
                + "differences to the first, with conservative (Minkowski) bounds. A varying part 'shrinks' when "
                + "beta_var's interval lies above 0."})
final class ExponentsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "sweep directories (or any with runs/*/A.npy)")
    List<Path> dirs;

    @Mixin
    AnalysisOptions options;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, RegimeVerdict>> all = new ArrayList<>();
        for (Path dir : dirs) {
            SweepAnalysis a = SweepAnalysis.of(dir, options.incrementExponent, options.level, options.range());
            VerdictReport r = VerdictReport.of(a, RegimeCriteria.defaults(), Instant.now());
            Map<String, RegimeVerdict> byGroup = new LinkedHashMap<>();
            for (GroupVerdict g : r.groups()) {
                byGroup.put(g.group(), g.verdict());
            }
            all.add(byGroup);
            out.printf(Locale.ROOT, "%s (%s, fits over %s)%n", dir, a.summary(), a.range().describe());
            for (Map.Entry<String, RegimeVerdict> e : byGroup.entrySet()) {
                RegimeVerdict v = e.getValue();
                out.printf(Locale.ROOT, "  %s, tensor %s: beta %s; beta_avg %s; beta_var %s%s; varying part %s%n",
                        e.getKey(), v.tensor(), f(v.beta()), f(v.betaAverage()), f(v.betaVarying()),
                        v.alpha().map(x -> "; alpha " + x.format()).orElse(""), shrinks(v.betaVarying()));
            }
        }
        for (int i = 1; i < all.size(); i++) {
            out.printf(Locale.ROOT, "%s minus %s:%n", dirs.get(i), dirs.get(0));
            for (Map.Entry<String, RegimeVerdict> e : all.get(i).entrySet()) {
                RegimeVerdict base = all.get(0).get(e.getKey());
                if (base == null) {
                    out.printf(Locale.ROOT, "  %s: not in %s%n", e.getKey(), dirs.get(0));
                    continue;
                }
                RegimeVerdict v = e.getValue();
                out.printf(Locale.ROOT, "  %s: beta %s; beta_avg %s; beta_var %s%n", e.getKey(),
                        diff(v.beta(), base.beta()), diff(v.betaAverage(), base.betaAverage()),
                        diff(v.betaVarying(), base.betaVarying()));
            }
        }
        return ExitCodes.OK;
    }

    private static String f(Optional<Estimate> e) {
        return e.map(Estimate::format).orElse("not available");
    }

    private static String diff(Optional<Estimate> a, Optional<Estimate> b) {
        return a.isPresent() && b.isPresent() ? a.get().minus(b.get()).format() : "not available";
    }

    private static String shrinks(Optional<Estimate> betaVar) {
        if (betaVar.isEmpty()) {
            return "not measured";
        }
        Estimate e = betaVar.get();
        return e.ciLow() > 0 ? "shrinks" : e.ciHigh() < 0 ? "grows" : "flat (interval meets 0)";
    }
}
