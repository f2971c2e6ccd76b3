package org.rscale.sweeps.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

import org.rscale.sweeps.init.ConvInitialiser;
import org.rscale.sweeps.io.DataFormats;
import org.rscale.sweeps.kernel.conv.ConvKernels;
import org.rscale.sweeps.kernel.conv.ConvTrainingKernel;
import org.rscale.sweeps.model.ConvArchitecture;

/**
 * Times a BasicBlock's training step (forward, backward, SGD update; one thread) with rscale's conv
 * kernels and with PyTorch on the same CPU, side by side. A block cannot be trained alone, so both
 * sides train the same two networks, stem + 1 block and stem + 2 blocks of {@code channels} channels at
 * {@code size x size}, with the same SGD step, and the block's time is the difference of the two
 * median step times. Rounds alternate between the sides (each rscale kernel 1 block, 2 blocks, then
 * PyTorch 1, PyTorch 2), so that a change of machine load hits all alike. PyTorch runs as
 * {@code python3 conv_block_torch.py} (shipped in the jar) with {@code torch.set_num_threads(1)}.
 */
public final class ConvBenchmark {

    private ConvBenchmark() {
    }

    /**
     * @param channels  the block's channels (64)
     * @param size      the feature map's height and width (32)
     * @param batch     the batch (32)
     * @param precision float32 (PyTorch's default) or float64
     * @param rounds    alternating rounds
     * @param steps     timed steps per network and round (after one warm-up step)
     * @param python    the Python interpreter with torch
     * @param kernels   the rscale kernels timed, names of {@link ConvKernels#NAMES}
     */
    public record Settings(int channels, int size, int batch, String precision, int rounds, int steps, String python,
                           List<String> kernels) {
        /** Copies the kernel list. */
        public Settings {
            kernels = List.copyOf(kernels);
        }

        /**
         * The standard measurement, whose values {@code rscale bench --conv} takes by default: CIFAR-10's first stage
         * (64 channels, 32 x 32, batch 32) in float32 (PyTorch's default), 3 rounds of 3 steps, Debian's
         * {@code /usr/bin/python3} (where {@code python3-torch} installs torch).
         *
         * @param kernels the rscale kernels to time
         * @return the settings
         */
        public static Settings standard(List<String> kernels) {
            return new Settings(64, 32, 32, "float32", 3, 3, "/usr/bin/python3", kernels);
        }
    }

    /**
     * One rscale kernel's step times in seconds, every timed step of every round.
     *
     * @param kernel  the kernel's name
     * @param device  its device line
     * @param one     stem + 1 block
     * @param two     stem + 2 blocks
     */
    public record KernelTimes(String kernel, String device, List<Double> one, List<Double> two) {

        /** @return the block step, median(2 blocks) - median(1 block), seconds */
        public double block() {
            return median(two) - median(one);
        }
    }

    /**
     * Step times in seconds, every timed step of every round.
     *
     * @param settings     what was measured
     * @param rscale       each rscale kernel's times, in the order of the settings
     * @param torchOne     PyTorch, stem + 1 block (empty when PyTorch was not available)
     * @param torchTwo     PyTorch, stem + 2 blocks
     * @param torchVersion PyTorch's version, or why it did not run
     */
    public record Result(Settings settings, List<KernelTimes> rscale, List<Double> torchOne, List<Double> torchTwo,
                         String torchVersion) {

        /** @return PyTorch's block step, seconds; NaN without PyTorch */
        public double torchBlock() {
            return torchOne.isEmpty() ? Double.NaN : median(torchTwo) - median(torchOne);
        }

        /**
         * @param k one of {@link #rscale()}
         * @return its block time over PyTorch's
         */
        public double ratio(KernelTimes k) {
            return k.block() / torchBlock();
        }
    }

    /**
     * @param values some values
     * @return their median (NaN when empty)
     */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }

    /**
     * Runs the rounds.
     *
     * @param s        the settings
     * @param progress receives one line per round
     * @return every step time
     * @throws IOException when the PyTorch script cannot be written to a temporary file
     */
    public static Result run(Settings s, Consumer<String> progress) throws IOException {
        Path script = Files.createTempFile("rscale-conv-bench", ".py");
        try (InputStream in = ConvBenchmark.class.getResourceAsStream("conv_block_torch.py")) {
            Files.write(script, in.readAllBytes());
        }
        try {
            List<Double> t1 = new ArrayList<>();
            List<Double> t2 = new ArrayList<>();
            String torch = null;
            List<ConvTrainingKernel> ones = new ArrayList<>();
            List<ConvTrainingKernel> twos = new ArrayList<>();
            List<KernelTimes> times = new ArrayList<>();
            for (String name : s.kernels()) {
                ones.add(kernel(s, name, 1));
                twos.add(kernel(s, name, 2));
                times.add(new KernelTimes(name, ones.get(ones.size() - 1).device(), new ArrayList<>(),
                        new ArrayList<>()));
            }
            for (int r = 1; r <= s.rounds(); r++) {
                StringBuilder line = new StringBuilder();
                for (int k = 0; k < times.size(); k++) {
                    KernelTimes kt = times.get(k);
                    kt.one().addAll(time(ones.get(k), s));
                    kt.two().addAll(time(twos.get(k), s));
                    line.append(String.format(java.util.Locale.ROOT, "%s %.0f / %.0f ms, ", kt.kernel(),
                            1e3 * median(kt.one()), 1e3 * median(kt.two())));
                }
                if (torch == null || !torch.startsWith("not available")) {
                    TorchRun a = torch(script, s, 1);
                    TorchRun b = a.times.isEmpty() ? a : torch(script, s, 2);
                    torch = a.version;
                    t1.addAll(a.times);
                    t2.addAll(b.times);
                }
                progress.accept(String.format(java.util.Locale.ROOT,
                        "round %d/%d: %sPyTorch %s ms (1 / 2 blocks, median step)", r, s.rounds(),
                        line, t1.isEmpty() ? "-"
                                : String.format(java.util.Locale.ROOT, "%.0f / %.0f", 1e3 * median(t1), 1e3 * median(t2))));
            }
            for (int k = 0; k < times.size(); k++) {
                ones.get(k).close();
                twos.get(k).close();
            }
            return new Result(s, List.copyOf(times), t1, t2, torch);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static ConvTrainingKernel kernel(Settings s, String name, int blocks) {
        ConvArchitecture arch = new ConvArchitecture(List.of(blocks), s.channels(), 3, s.size(), s.size(), 10);
        return ConvKernels.named(name, ConvInitialiser.initialise(arch, 0, "bench"), s.batch(), s.precision(), 0.9,
                5e-4);
    }

    private static List<Double> time(ConvTrainingKernel k, Settings s) {
        SplittableRandom r = new SplittableRandom(1);
        double[] x = new double[s.batch() * 3 * s.size() * s.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        int[] y = new int[s.batch()];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 10;
        }
        k.trainStep(x, y, s.batch(), 0.01);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < s.steps(); i++) {
            long t0 = System.nanoTime();
            k.trainStep(x, y, s.batch(), 0.01);
            times.add((System.nanoTime() - t0) / 1e9);
        }
        return times;
    }

    private record TorchRun(String version, List<Double> times) {
    }

    private static TorchRun torch(Path script, Settings s, int blocks) {
        ProcessBuilder pb = new ProcessBuilder(s.python(), script.toString(), String.valueOf(s.channels()),
                String.valueOf(s.size()), String.valueOf(s.batch()), String.valueOf(blocks), s.precision(),
                String.valueOf(s.steps()), "1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes());
            int code = p.waitFor();
            String last = output.strip().lines().reduce((a, b) -> b).orElse("");
            if (code != 0 || !last.startsWith("{")) {
                return new TorchRun("not available: " + s.python() + " exited " + code + ": " + last, List.of());
            }
            JsonNode doc = DataFormats.json().readTree(last);
            List<Double> times = new ArrayList<>();
            doc.get("times").forEach(t -> times.add(t.asDouble()));
            return new TorchRun(doc.get("torch").asText(), times);
        } catch (IOException e) {
            return new TorchRun("not available: cannot run " + s.python() + " (" + e.getMessage() + ")", List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TorchRun("not available: interrupted", List.of());
        }
    }
}
