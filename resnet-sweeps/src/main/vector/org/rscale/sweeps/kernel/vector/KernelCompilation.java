package org.rscale.sweeps.kernel.vector;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * How C2 must compile the SIMD kernels so that their vectors stay in registers: each activation
 * pass ({@code activate*}) and each slope pass ({@code slopes*}) of {@link VectorKernelF64} and
 * {@link VectorKernelF32} as a compilation unit of its own, never inlined into its caller.
 *
 * <p><b>Why.</b> C2 inlines a callee only while the caller's compilation has created fewer than
 * NodeCountInliningCutoff (18,000) nodes, and each Vector API operation creates some hundreds
 * while C2 parses it. A pass with one of {@link VectorMath}'s special functions fits; inlined into
 * its caller beside the matrix product, or beside another activation's pass (as happens when one
 * JVM trains cells of several activations), the budget runs out in the middle of the special
 * function, a call taking vectors is left behind and every vector crossing it is boxed (measured:
 * 0.4-5 MB per training step at width 10, depth 50, and 2-3 times the time). Which callers inline
 * which passes depends on the order in which the JIT compiles them, so the kernels cannot rely on
 * it; the passes are small enough to be inlined, so only a directive keeps them apart.
 *
 * <p><b>How.</b> At class initialisation of a kernel, a compiler directive
 * ({@code -XX:CompilerDirectivesFile} syntax; JEP 165) forbidding those inlinings is added through
 * the {@code DiagnosticCommand} MBean (the {@code jcmd Compiler.directives_add} command), once per
 * JVM. Directives change only what the JIT inlines, never a result: the kernels give the same bits
 * with or without (tested). If the JVM lacks the MBean, the kernels run as before, possibly with
 * boxed vectors. The same effect on the command line:
 * {@code -XX:CompileCommand=dontinline,org/rscale/sweeps/kernel/vector/VectorKernel*.activate*}
 * (and {@code .slopes*}).
 */
final class KernelCompilation {
    /** Set once a directive is in place, for every class loader of the kernels (a JVM-wide marker). */
    private static final String INSTALLED = "org.rscale.sweeps.kernel.vector.compilerDirective";
    private static final String DIRECTIVE = "[{ match: \"org/rscale/sweeps/kernel/vector/VectorKernel*.*\",\n"
            + "   inline: [\"-org/rscale/sweeps/kernel/vector/VectorKernel*.activate*\",\n"
            + "            \"-org/rscale/sweeps/kernel/vector/VectorKernel*.slopes*\"] }]\n";

    private KernelCompilation() {
    }

    /**
     * Adds the directive unless this JVM has it.
     *
     * @return whether the directive is in place
     */
    static synchronized boolean keepPassesApart() {
        if (System.getProperty(INSTALLED) != null) {
            return true;
        }
        try {
            Path file = Files.createTempFile("rscale-kernel-directive", ".json");
            try {
                Files.writeString(file, DIRECTIVE, StandardCharsets.US_ASCII);
                ManagementFactory.getPlatformMBeanServer().invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
                        new Object[] {new String[] {file.toString()}}, new String[] {String[].class.getName()});
            } finally {
                Files.deleteIfExists(file);
            }
            System.setProperty(INSTALLED, "true");
            return true;
        } catch (IOException | JMException | RuntimeException | LinkageError e) {
            // no MBean server, no DiagnosticCommand, no temporary file: the kernels work, maybe slower
            return false;
        }
    }
}
