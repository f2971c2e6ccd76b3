package org.rscale.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

import org.rscale.sweeps.run.TrainedRun;

/**
 * The per-layer tensors of a trained network that the analysis measures (SCIENCE 4):
 * <pre>
 *   A        (L, d, d)   always
 *   b        (L, d)      when b.npy exists
 *   delta    (L,) or (1,)  when delta is trained (shared, per-layer) or, for foreign weights, when delta.npy exists
 *   delta_A  |delta_k| A_k  and  delta_b  |delta_k| b_k, the effective weights, in the same cases
 * </pre>
 * For a shared delta the effective weights are |delta| A_k with one |delta| for all layers.
 */
public final class TensorSequences {
    /** The weights. */
    public static final String A = "A";
    /** The biases. */
    public static final String B = "b";
    /** The scaling factors. */
    public static final String DELTA = "delta";
    /** |delta_k| A_k. */
    public static final String DELTA_A = "delta_A";
    /** |delta_k| b_k. */
    public static final String DELTA_B = "delta_b";

    private TensorSequences() {
    }

    /**
     * @param run a trained network
     * @return its tensors by name, in the order A, b, delta, delta_A, delta_b
     */
    public static Map<String, WeightSequence> of(TrainedRun run) {
        Map<String, WeightSequence> out = new LinkedHashMap<>();
        int L = run.depth();
        int d = run.dim();
        WeightSequence a = new WeightSequence(A, L, d, d, run.A());
        out.put(A, a);
        WeightSequence b = run.b() == null ? null : new WeightSequence(B, L, d, 1, run.b());
        if (b != null) {
            out.put(B, b);
        }
        if (hasTrainedDelta(run)) {
            double[] delta = run.delta();
            out.put(DELTA, new WeightSequence(DELTA, delta.length, 1, 1, delta));
            out.put(DELTA_A, WeightSequence.effective(DELTA_A, a, delta));
            if (b != null) {
                out.put(DELTA_B, WeightSequence.effective(DELTA_B, b, delta));
            }
        }
        return out;
    }

    /**
     * @param run a trained network
     * @return whether its delta is a trained parameter worth measuring
     */
    public static boolean hasTrainedDelta(TrainedRun run) {
        if (run.delta() == null) {
            return false;
        }
        String mode = run.deltaMode();
        return mode == null || "shared".equals(mode) || "per-layer".equals(mode);
    }

    /**
     * The tensor whose scaling decides the regime: the effective weights |delta_k| A_k when delta
     * varies per layer (their size is carried by delta_k as much as by A_k), else A.
     *
     * @param deltaMode the delta variant ({@code none, shared, per-layer, fixed}), or null when unknown
     * @param deltaLength the length of the stored delta, 0 when there is none
     * @return {@link #DELTA_A} or {@link #A}
     */
    public static String judged(String deltaMode, int deltaLength) {
        if ("per-layer".equals(deltaMode)) {
            return DELTA_A;
        }
        if (deltaMode == null && deltaLength > 1) {
            return DELTA_A;
        }
        return A;
    }
}
