package org.rscale.sweeps.data;

import java.util.Arrays;
import java.util.List;

import org.rscale.sweeps.InvalidInputException;

/**
 * How IDX pixel values 0..255 become inputs ({@code data.pixel_scale}).
 */
public enum PixelScale {
    /** The raw values 0..255 as floats, as the reference code feeds MNIST to its convolutions. */
    RAW("raw", 1.0),
    /** Into [0, 1]: times 1/255 (within an ulp of torchvision's {@code ToTensor}, which divides by 255). */
    UNIT("unit", 1.0 / 255);

    private final String key;
    private final double factor;

    PixelScale(String key, double factor) {
        this.key = key;
        this.factor = factor;
    }

    /** @return the setting's value */
    public String key() {
        return key;
    }

    /** @return the factor applied to a pixel value */
    public double factor() {
        return factor;
    }

    /** @return every value */
    public static List<String> keys() {
        return Arrays.stream(values()).map(PixelScale::key).toList();
    }

    /**
     * @param key a {@code data.pixel_scale} value
     * @return the scale
     */
    public static PixelScale of(String key) {
        for (PixelScale p : values()) {
            if (p.key.equals(key)) {
                return p;
            }
        }
        throw new InvalidInputException("setting 'data.pixel_scale' has no value '" + key + "' (expected one of "
                + String.join(", ", keys()) + ")");
    }
}
