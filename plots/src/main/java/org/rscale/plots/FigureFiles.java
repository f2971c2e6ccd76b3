package org.rscale.plots;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rscale.sweeps.io.AtomicFiles;

/**
 * Writes a figure as {@code <baseName>.png} and {@code <baseName>.svg}.
 *
 * <p>The PNG is the chart canvas at its pixel size with the style's resolution recorded in its
 * {@code pHYs} chunk, so it prints at the style's physical width; the SVG is the same drawing as
 * vectors, with {@code width} and {@code height} given in inches. All text in the SVG is drawn as
 * glyph outlines (so it looks the same without the fonts), and the root holds a {@code <title>}
 * (the chart title) and a {@code <desc>} (axis titles and legend entries) so the file stays
 * searchable and accessible.
 *
 * <p>Both files are rendered to memory first, then each is written with
 * {@link AtomicFiles#write(Path, byte[])}: a reader never sees a partial file, and a rendering
 * failure writes nothing. The pair is not atomic: a crash between the two writes can leave the new
 * PNG beside an old SVG. Existing files are replaced.
 */
public final class FigureFiles {

    /** Extension of the bitmap file. */
    public static final String PNG_EXTENSION = ".png";
    /** Extension of the vector file. */
    public static final String SVG_EXTENSION = ".svg";

    private static final Pattern SVG_SIZE = Pattern.compile("(width|height)=\"([0-9.]+)px\"");

    private FigureFiles() {
    }

    /**
     * Renders and writes {@code directory/baseName.png} and {@code directory/baseName.svg},
     * creating the directory if needed.
     *
     * @param figure    the figure
     * @param directory the output directory
     * @param baseName  the file name without extension: not blank, no path separator, not
     *                  starting with a dot
     * @return the written paths, PNG first
     * @throws IllegalArgumentException if the base name is not a plain file name
     * @throws UncheckedIOException     if a file cannot be written
     */
    public static List<Path> write(Figure figure, Path directory, String baseName) {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(directory, "directory");
        checkBaseName(baseName);
        byte[] png = png(figure);
        byte[] svg = svg(figure);
        Path pngFile = directory.resolve(baseName + PNG_EXTENSION);
        Path svgFile = directory.resolve(baseName + SVG_EXTENSION);
        AtomicFiles.write(pngFile, png);
        AtomicFiles.write(svgFile, svg);
        return List.of(pngFile, svgFile);
    }

    /**
     * Renders the figure as a PNG: RGB, the chart's pixel size, the style's dpi in the {@code pHYs}
     * chunk.
     *
     * @param figure the figure
     * @return the PNG bytes
     */
    public static byte[] png(Figure figure) {
        var chart = figure.chart();
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no PNG writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_INT_RGB), param);
            setResolution(metadata, figure.style().dpi());
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Renders the figure as an SVG document (UTF-8) whose size is given in inches:
     * {@code width = pixels / dpi}.
     *
     * @param figure the figure
     * @return the SVG bytes
     */
    public static byte[] svg(Figure figure) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(figure.chart(), bytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode SVG: " + e.getMessage(), e);
        }
        String svg = bytes.toString(StandardCharsets.UTF_8);
        int rootStart = svg.indexOf("<svg");
        int rootEnd = rootStart < 0 ? -1 : svg.indexOf('>', rootStart);
        if (rootEnd < 0) {
            throw new IllegalStateException("SVG encoder produced no <svg> element");
        }
        // the root's pixel size becomes a physical size; the viewBox keeps the pixel coordinates
        Matcher m = SVG_SIZE.matcher(svg.substring(rootStart, rootEnd));
        StringBuilder root = new StringBuilder();
        double dpi = figure.style().dpi();
        while (m.find()) {
            double inches = Double.parseDouble(m.group(2)) / dpi;
            m.appendReplacement(root, m.group(1) + "=\"" + String.format(Locale.ROOT, "%.4f", inches) + "in\"");
        }
        m.appendTail(root);
        // the start tag may be self-closing only for an empty drawing, which XChart never produces
        String text = svg.substring(0, rootStart) + root + ">\n  <title>" + escape(figure.chart().getTitle())
                + "</title>\n  <desc>" + escape(description(figure)) + "</desc>" + svg.substring(rootEnd + 1);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param figure a figure
     * @return its axis titles and legend entries, e.g.
     *         {@code "x: depth L; y: statistic of A_k; legend: max norm: slope −0.21 [−0.24, −0.18] | ..."}
     */
    static String description(Figure figure) {
        XYChart chart = figure.chart();
        StringBuilder sb = new StringBuilder();
        sb.append("x: ").append(chart.getXAxisTitle()).append("; y: ").append(chart.getYAxisTitle());
        String separator = "; legend: ";
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (s.isShowInLegend()) {
                sb.append(separator).append(s.getLabel().replace('\n', ' '));
                separator = " | ";
            }
        }
        for (String note : figure.notes()) {
            sb.append("; note: ").append(note);
        }
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void setResolution(IIOMetadata metadata, int dpi) throws IIOInvalidTreeException {
        // the PNG-native pHYs chunk, in pixels per metre: the JDK reads the standard-format
        // "HorizontalPixelSize" (millimetres per pixel) as its inverse, so it is not used
        String perMetre = Long.toString(Math.round(dpi / 0.0254));
        IIOMetadataNode pHYs = new IIOMetadataNode("pHYs");
        pHYs.setAttribute("pixelsPerUnitXAxis", perMetre);
        pHYs.setAttribute("pixelsPerUnitYAxis", perMetre);
        pHYs.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(pHYs);
        metadata.mergeTree("javax_imageio_png_1.0", root);
    }

    private static void checkBaseName(String baseName) {
        Objects.requireNonNull(baseName, "baseName");
        if (baseName.isBlank() || baseName.startsWith(".") || baseName.indexOf('/') >= 0
                || baseName.indexOf('\\') >= 0 || baseName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("figure base name must be a plain file name without extension, got '"
                    + baseName + "'");
        }
    }
}
