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
    /** The prefix of directories being written; never read as results. */
    public static final String STAGING_PREFIX = ".partial-";

    private RunFiles() {
    }
}
