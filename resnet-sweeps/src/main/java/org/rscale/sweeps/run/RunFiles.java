package org.rscale.sweeps.run;

/**
 * The file names of the run format (documented in the README):
 * <pre>
 * &lt;sweep&gt;/sweep.yaml                 the resolved configuration and its provenance
 * &lt;sweep&gt;/tasks.csv                  index, cell_id, depth, seed, and the settings that vary
 * &lt;sweep&gt;/runs/&lt;cell-id&gt;/run.json    settings, status, losses, provenance (written last)
 * &lt;sweep&gt;/runs/&lt;cell-id&gt;/A.npy       (L, d, d)   A.npy[k] = A_k, convention A h
 * &lt;sweep&gt;/runs/&lt;cell-id&gt;/b.npy       (L, d)
 * &lt;sweep&gt;/runs/&lt;cell-id&gt;/delta.npy   (L,) for per-layer, (1,) otherwise
 * &lt;sweep&gt;/runs/&lt;cell-id&gt;/history.csv epoch, train_loss, test_loss, wall_seconds
 * </pre>
 * A convolutional cell ({@link ConvRunDirectory}) holds instead of A, b and delta:
 * <pre>
 * blocks.csv        k, stage, stride, in_channels, out_channels, input_height, input_width,
 *                   output_height, output_width, shortcut (1 or 0): one row per block
 * conv1.npz         block_000, block_001, ...: (c_out, c_in, 3, 3) per block
 * conv2.npz         the same for conv2
 * shortcut.npz      (c_out, c_in, 1, 1) for the blocks with a 1x1 shortcut only
 * stem.npy          (c0, c_in, 3, 3)
 * linear_weight.npy (classes, features); linear_bias.npy (classes,)
 * </pre>
 */
public final class RunFiles {
    /** The resolved configuration of a sweep. */
    public static final String SWEEP_YAML = "sweep.yaml";
    /** The task list of a sweep. */
    public static final String TASKS_CSV = "tasks.csv";
    /** The directory of the cells' run directories. */
    public static final String RUNS_DIR = "runs";
    /** The directory of analysis outputs. */
    public static final String ANALYSIS_DIR = "analysis";
    /** The directory of figures. */
    public static final String FIGURES_DIR = "figures";
    /** Settings, status and provenance of one cell; written last. */
    public static final String RUN_JSON = "run.json";
    /** The trained weights A, shape (L, d, d). */
    public static final String A_NPY = "A.npy";
    /** The trained biases b, shape (L, d). */
    public static final String B_NPY = "b.npy";
    /** The trained (or fixed) delta, shape (L,) or (1,). */
    public static final String DELTA_NPY = "delta.npy";
    /** The per-epoch losses. */
    public static final String HISTORY_CSV = "history.csv";
    /** The geometry of a conv ResNet's blocks, one row per block. */
    public static final String BLOCKS_CSV = "blocks.csv";
    /** The first convolution of every block, one array per block. */
    public static final String CONV1_NPZ = "conv1.npz";
    /** The second convolution of every block, one array per block. */
    public static final String CONV2_NPZ = "conv2.npz";
    /** The 1x1 shortcut convolutions of the blocks that have one. */
    public static final String SHORTCUT_NPZ = "shortcut.npz";
    /** The stem convolution of a conv ResNet. */
    public static final String STEM_NPY = "stem.npy";
    /** The weight of a conv ResNet's final linear layer, (classes, features). */
    public static final String LINEAR_WEIGHT_NPY = "linear_weight.npy";
    /** The bias of a conv ResNet's final linear layer, (classes,). */
    public static final String LINEAR_BIAS_NPY = "linear_bias.npy";
    /** The prefix of directories being written; never read as results. */
    public static final String STAGING_PREFIX = ".partial-";

    private RunFiles() {
    }
}
