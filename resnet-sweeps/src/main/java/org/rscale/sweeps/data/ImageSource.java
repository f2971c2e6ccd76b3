package org.rscale.sweeps.data;

import java.util.concurrent.ConcurrentHashMap;

/** Reads each conv data setting's images once and shares them between the cells of a process. */
public final class ImageSource {
    private final ConcurrentHashMap<ImageDataSpec, ImageData> cache = new ConcurrentHashMap<>();

    /**
     * @param spec a conv cell's data settings
     * @return its images, shared with every cell of the same data settings
     */
    public ImageData dataFor(ImageDataSpec spec) {
        return cache.computeIfAbsent(spec, ImageData::load);
    }
}
