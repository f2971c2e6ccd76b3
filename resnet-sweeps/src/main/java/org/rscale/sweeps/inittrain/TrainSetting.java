package org.rscale.sweeps.inittrain;

import java.nio.file.Path;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;
import org.rscale.sweeps.initscan.ScanSetting;
import org.rscale.sweeps.initscan.SettingValues;
import org.rscale.sweeps.initscan.StudySetting;

/**
 * Every setting of a trained initialisation study ({@code rscale init-train}): res-1 trained on
 * flattened images from structured initialisations (the JMLR paper's Figures 8 and 9). Keys are
 * defined here once; the init settings are the scan's ({@link ScanSetting}), the data settings
 * share their names and meaning with the sweeps' {@code data.*} settings of kind {@code idx-flat}.
 * Lists follow {@link SettingValues}' grammar.
 */
public enum TrainSetting implements StudySetting {
    /** The initialisations of V_k. */
    INIT("init", Type.CHOICES, List.of("iid"), "law of V_k: iid, smooth and/or fbm", "iid", "smooth", "fbm"),
    /** Hurst indices of the fbm law. */
    HURSTS("hursts", Type.DOUBLES, List.of(0.5), "Hurst indices H of the fbm law, in (0, 1) (ignored by iid and smooth)"),
    /** Exponents of alpha_L = L^-beta. */
    BETAS("betas", Type.DOUBLES, List.of(1.0), "exponents beta of the branch scale L^-beta (list or linspace)"),
    /** Learning rates. */
    LRS("lrs", Type.DOUBLES, List.of(1e-3), "Adam's initial learning rates; the heatmap takes the best per cell"),
    /** Training seeds. */
    SEEDS("seeds", Type.INTS, List.of(0), "seeds of the initial weights and the batch order (list or a..b)"),
    /** Width d. */
    WIDTH("width", Type.INT, 30, "width d of res-1"),
    /** Depth L. */
    DEPTH("depth", Type.INT, 1000, "depth L of res-1"),
    /** Epochs. */
    EPOCHS("epochs", Type.INT, 10, "epochs of training"),
    /** Batch size. */
    BATCH_SIZE("batch_size", Type.INT, 128, "samples per batch (new random batches every epoch, the last one smaller)"),
    /** StepLR's step size. */
    LR_STEP("lr_step", Type.INT, 5, "the learning rate is multiplied by lr_gamma every lr_step epochs (PyTorch's StepLR)"),
    /** StepLR's factor. */
    LR_GAMMA("lr_gamma", Type.DOUBLE, 0.1, "the factor of the step schedule"),
    /** The kind of data. */
    DATA_KIND("data.kind", Type.CHOICE, "idx-flat", "dataset: idx-flat (IDX images flattened, pixels as inputs, label as "
            + "class)", "idx-flat"),
    /** Directory of the IDX files. */
    DATA_PATH("data.path", Type.TEXT, "/usr/share/datasets/fashion-mnist", "directory of the IDX files "
            + "(train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-...); stored absolute"),
    /** Training samples. */
    DATA_TRAIN_SIZE("data.train_size", Type.SIZE, 0, "training samples: 0 or all = the whole training split, fewer = "
            + "a seeded subset"),
    /** Test samples. */
    DATA_TEST_SIZE("data.test_size", Type.SIZE, 0, "test samples: 0 or all = the whole test split, fewer = a seeded "
            + "subset"),
    /** Seed of the subsets. */
    DATA_SEED("data.seed", Type.INT, 0, "seed of the data subsets"),
    /** Pixel scaling. */
    DATA_PIXEL_SCALE("data.pixel_scale", Type.CHOICE, "unit", "pixels as inputs: unit = divided by 255 (torchvision's "
            + "ToTensor, the reference code) or raw 0..255", "unit", "raw"),
    /** Law of the iid initialisation. */
    IID_DISTRIBUTION("iid_distribution", ScanSetting.IID_DISTRIBUTION),
    /** RBF length scale of the smooth law. */
    INIT_LENGTH_SCALE("init_length_scale", ScanSetting.INIT_LENGTH_SCALE),
    /** Values or increments of the smooth process. */
    SMOOTH_VARIANT("smooth_variant", ScanSetting.SMOOTH_VARIANT),
    /** Whether the trained V is saved. */
    SAVE_WEIGHTS("save_weights", Type.FLAG, false, "save every trained V (L x d x d) as V.npy (the weights figure needs "
            + "it)");

    /** Value types. */
    public enum Type {
        /** a whole number. */
        INT,
        /** a whole number, or {@code all} (0). */
        SIZE,
        /** a real number. */
        DOUBLE,
        /** one of a fixed set of words. */
        CHOICE,
        /** a list of words from a fixed set. */
        CHOICES,
        /** a list of whole numbers. */
        INTS,
        /** a list of real numbers. */
        DOUBLES,
        /** free text (a directory). */
        TEXT,
        /** true or false. */
        FLAG,
        /** a setting of the initialisation scan, shared. */
        SHARED
    }

    private final String key;
    private final Type type;
    private final Object defaultValue;
    private final String description;
    private final List<String> choices;
    private final ScanSetting shared;

    TrainSetting(String key, Type type, Object defaultValue, String description, String... choices) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
        this.choices = List.of(choices);
        this.shared = null;
    }

    TrainSetting(String key, ScanSetting shared) {
        this.key = key;
        this.type = Type.SHARED;
        this.defaultValue = shared.defaultValue();
        this.description = shared.description();
        this.choices = shared.choices();
        this.shared = shared;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public Object defaultValue() {
        return defaultValue;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public List<String> choices() {
        return choices;
    }

    /** @return the value type */
    public Type type() {
        return type;
    }

    @Override
    public Object parse(Object raw, String where) {
        Object v;
        switch (type) {
            case SHARED: return shared.parse(raw, where);
            case INT: v = SettingValues.whole(key, raw, where); break;
            case SIZE: v = raw != null && "all".equalsIgnoreCase(raw.toString().trim()) ? 0
                    : SettingValues.whole(key, raw, where); break;
            case DOUBLE: v = SettingValues.real(key, raw, where); break;
            case CHOICE: v = SettingValues.choice(key, raw, choices, where); break;
            case CHOICES: v = SettingValues.choices(key, raw, choices, where); break;
            case INTS: v = SettingValues.wholes(key, raw, where); break;
            case DOUBLES: v = SettingValues.reals(key, raw, where); break;
            case FLAG: v = SettingValues.flag(key, raw, where); break;
            case TEXT:
                if (raw == null || raw.toString().isBlank()) {
                    throw new InvalidInputException(where + ": setting '" + key + "' has no value");
                }
                v = Path.of(raw.toString().trim()).toAbsolutePath().normalize().toString();
                break;
            default: throw new AssertionError(type);
        }
        return check(v, where);
    }

    private Object check(Object v, String where) {
        String bad = null;
        switch (this) {
            case WIDTH: case DEPTH: case EPOCHS: case BATCH_SIZE: case LR_STEP:
                bad = (Integer) v < 1 ? "must be >= 1, got " + v : null;
                break;
            case DATA_TRAIN_SIZE: case DATA_TEST_SIZE:
                bad = (Integer) v < 0 ? "must be >= 0 (0: all), got " + v : null;
                break;
            case LR_GAMMA:
                bad = (Double) v > 0 && (Double) v <= 1 ? null : "must lie in (0, 1], got " + v;
                break;
            case LRS:
                for (Object o : (List<?>) v) {
                    bad = (Double) o > 0 ? bad : "must all be > 0, got " + o;
                }
                break;
            case HURSTS:
                for (Object o : (List<?>) v) {
                    double h = (Double) o;
                    bad = h > 0 && h < 1 ? bad : "must lie in (0, 1), got " + h;
                }
                break;
            default:
                break;
        }
        if (bad == null && v instanceof List<?> list && list.isEmpty()) {
            bad = "is empty";
        }
        if (bad != null) {
            throw new InvalidInputException(where + ": setting '" + key + "' " + bad);
        }
        return v;
    }
}
