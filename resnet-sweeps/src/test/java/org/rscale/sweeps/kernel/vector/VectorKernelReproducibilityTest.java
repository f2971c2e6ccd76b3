package org.rscale.sweeps.kernel.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rscale.sweeps.model.Activation;
import org.rscale.sweeps.testing.QuietConsole;

/**
 * The SIMD kernels give the same bits however far the JIT has got: a kernel trained from a fresh
 * object twice in one JVM, the first time cold (its code interpreted, then compiled by C1 and C2
 * while it trains), the second time warm, ends with bit-identical parameters. Each case loads the
 * kernel's classes (all of {@code org.rscale.sweeps}) in a class loader of its own, so they start
 * cold whatever ran before in this JVM; the Vector API's classes are shared, as in a real run.
 *
 * <p>With the Vector API's SVML-backed operators this fails: the interpreted steps get
 * {@code java.lang.Math}'s results, the compiled ones SVML's, which differ in the last bit for
 * 0.02-0.9% of arguments (checked while writing this test: with {@code VectorOperators.TANH} and
 * {@code SIN} in the kernels' forward passes, the tanh and sin cases of both precisions differ
 * after 300 steps, in the first entries of A).
 */
@ExtendWith(QuietConsole.class)
class VectorKernelReproducibilityTest {
    /** Enough for the cold run to pass from the interpreter through C1 to C2 (about 1 s each). */
    private static final int STEPS = 300;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (String precision : new String[] {"float64", "float32"}) {
            for (Activation act : new Activation[] {Activation.TANH, Activation.SHIFTED_SOFTPLUS, Activation.SIN,
                Activation.GELU}) {
                b.add(Arguments.of(precision, act));
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aColdAndAWarmRunGiveTheSameBits(String precision, Activation act) throws ReflectiveOperationException {
        ClassLoader cold = new IsolatingLoader(getClass().getClassLoader());
        double[][] r;
        try {
            r = (double[][]) cold.loadClass(ReproducibilityRun.class.getName())
                    .getMethod("trainTwice", String.class, String.class, int.class)
                    .invoke(null, precision, act.key(), STEPS);
        } catch (InvocationTargetException e) {
            throw new AssertionError(e.getCause());
        }
        String[] names = {"A", "b", "delta"};
        for (int t = 0; t < 3; t++) {
            double[] first = r[t];
            double[] second = r[3 + t];
            assertEquals(first.length, second.length);
            for (int i = 0; i < first.length; i++) {
                assertEquals(Double.doubleToRawLongBits(first[i]), Double.doubleToRawLongBits(second[i]),
                        precision + " " + act.key() + ": " + names[t] + "[" + i + "] differs after " + STEPS
                                + " steps: " + first[i] + " cold, " + second[i] + " warm");
            }
        }
    }

    /** Defines the classes of {@code org.rscale.sweeps} anew from the parent's class files; delegates the rest. */
    private static final class IsolatingLoader extends ClassLoader {
        private static final String PREFIX = "org.rscale.sweeps.";

        IsolatingLoader(ClassLoader parent) {
            super("cold-kernel", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PREFIX)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = define(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(name, e);
            }
        }
    }
}
