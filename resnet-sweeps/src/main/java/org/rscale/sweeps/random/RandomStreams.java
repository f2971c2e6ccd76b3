package org.rscale.sweeps.random;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Every random stream of rscale is a pure function of (seed, key, purpose): never of run order,
 * of {@code --jobs}, or of the cells trained before. The key identifies what the stream belongs to
 * (a cell's canonical settings, or the data settings); the purpose names its use
 * ({@link #INIT}, {@link #DATA}, {@link #SHUFFLE}, {@link #NOISE}).
 *
 * <p>Algorithm: the first 8 bytes of SHA-256("rscale|purpose|seed|key") seed a
 * {@link SplittableRandom} (SplitMix64, specified by the JDK), whose {@code nextGaussian} is the
 * JDK 17 ziggurat of {@code RandomSupport}.
 */
public final class RandomStreams {
    /** Initial weights. */
    public static final String INIT = "init";
    /** Generated datasets. */
    public static final String DATA = "data";
    /** Batch order and composition. */
    public static final String SHUFFLE = "shuffle";
    /** Noise paths (SDE simulations). */
    public static final String NOISE = "noise";

    private RandomStreams() {
    }

    /**
     * @param seed    the user's seed
     * @param key     what the stream belongs to, e.g. a cell's canonical settings
     * @param purpose one of the purpose constants
     * @return a fresh generator, the same for the same arguments on every machine
     */
    public static SplittableRandom of(long seed, String key, String purpose) {
        return new SplittableRandom(seedOf(seed, key, purpose));
    }

    /**
     * @param seed    the user's seed
     * @param key     what the stream belongs to
     * @param purpose the purpose
     * @return the 64-bit seed of that stream
     */
    public static long seedOf(long seed, String key, String purpose) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(("rscale|" + purpose + "|" + seed + "|" + key).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
