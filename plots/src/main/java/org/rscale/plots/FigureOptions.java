package org.rscale.plots;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.rscale.sweeps.InvalidInputException;

/**
 * How figures are drawn and written, defined once: the file formats, the width (one column or the full text width
 * of a two-column paper), the weight entry that path figures show, and whether figures carry a title.
 *
 * @param formats the formats written, not empty
 * @param width   the figure width
 * @param entry   the weight entry shown by path figures ({@code [i, j]} of a matrix, {@code [i]} of a vector); empty:
 *                the entry with the largest mean |value|
 * @param titles  whether figures carry a title (a paper's caption usually replaces it)
 */
public record FigureOptions(Set<Format> formats, Width width, Optional<int[]> entry, boolean titles) {

    /** The defaults: PNG, SVG and PDF, single column, the largest entry, with titles. */
    public static final FigureOptions DEFAULTS = new FigureOptions(EnumSet.allOf(Format.class), Width.SINGLE,
            Optional.empty(), true);

    /** A file format. */
    public enum Format {
        /** Bitmap at the style's resolution. */
        PNG,
        /** Vectors, text kept as text. */
        SVG,
        /** Vectors, text as outlines (looks the same everywhere). */
        PDF;

        /** @return the file extension with its dot */
        public String extension() {
            return "." + name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param s a format's name, any case
         * @return the format
         * @throws InvalidInputException for an unknown name
         */
        public static Format of(String s) {
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("unknown figure format '" + s + "' (png, svg or pdf)");
            }
        }
    }

    /** The figure width. */
    public enum Width {
        /** One column of a two-column paper, 3.4 in. */
        SINGLE,
        /** The full text width of a two-column paper, 7 in. */
        DOUBLE;

        /** @return the paper style of this width */
        public PaperStyle style() {
            return this == SINGLE ? PaperStyle.singleColumn() : PaperStyle.doubleColumn();
        }

        /**
         * @param s {@code single} or {@code double}
         * @return the width
         * @throws InvalidInputException otherwise
         */
        public static Width of(String s) {
            switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "single": return SINGLE;
                case "double": return DOUBLE;
                default: throw new InvalidInputException("unknown figure width '" + s + "' (single or double)");
            }
        }
    }

    /**
     * Checks and copies.
     *
     * @param formats the formats, not empty
     * @param width   the width
     * @param entry   the entry, or empty
     * @param titles  whether figures carry a title
     */
    public FigureOptions {
        Objects.requireNonNull(width, "width");
        if (formats.isEmpty()) {
            throw new InvalidInputException("no figure format given (png, svg, pdf)");
        }
        formats = Set.copyOf(EnumSet.copyOf(formats));
        entry = entry.map(int[]::clone);
        if (entry.isPresent()) {
            for (int i : entry.get()) {
                if (i < 0) {
                    throw new InvalidInputException("a weight entry's index must not be negative, got " + i);
                }
            }
        }
    }

    /** @return the paper style of the width */
    public PaperStyle style() {
        return width.style();
    }

    /**
     * @param s an entry as written on the command line: {@code i,j} or {@code i}, or {@code auto}
     * @return the entry, empty for auto
     * @throws InvalidInputException when it is not one or two non-negative integers
     */
    public static Optional<int[]> entryOf(String s) {
        if (s == null || s.isBlank() || s.strip().equalsIgnoreCase("auto")) {
            return Optional.empty();
        }
        String[] parts = s.strip().replace("[", "").replace("]", "").split("\\s*,\\s*");
        if (parts.length > 2) {
            throw new InvalidInputException("--entry must be i,j or i, got '" + s + "'");
        }
        int[] e = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                e[i] = Integer.parseInt(parts[i]);
            }
        } catch (NumberFormatException x) {
            throw new InvalidInputException("--entry must be i,j or i (integers), got '" + s + "'");
        }
        return Optional.of(e);
    }

    /**
     * @param cols the columns of the tensor's layer ({@code d} for a matrix, 1 for a vector)
     * @param size the size of one layer
     * @return the flat index of the chosen entry in one layer, or -1 for auto or an entry outside the layer
     */
    public int flatEntry(int cols, int size) {
        if (entry.isEmpty()) {
            return -1;
        }
        int[] e = entry.get();
        int flat = e.length == 2 ? (cols > 1 ? e[0] * cols + e[1] : e[0]) : e[0];
        return flat < size ? flat : -1;
    }
}
