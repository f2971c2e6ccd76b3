package org.rscale.plots;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.awt.Font;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
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

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.pdf.PDFProcessor;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rscale.sweeps.io.AtomicFiles;

/**
 * Writes a figure as {@code <baseName>.png}, {@code <baseName>.svg} and {@code <baseName>.pdf}.
 *
 * <p>The PNG is the chart canvas at its pixel size with the style's resolution recorded in its
 * {@code pHYs} chunk, so it prints at the style's physical width; the SVG is the same drawing as
 * vectors, with {@code width} and {@code height} given in inches, its text kept as text
 * ({@code <text>} elements in DejaVu Sans or the viewer's sans-serif: searchable, selectable, editable;
 * {@link TextKeepingGraphics}), and the root holds a {@code <title>} (the chart title) and a
 * {@code <desc>} (axis titles and legend entries). The PDF is the same vectors on a page of the
 * figure's physical size, its text as glyph outlines (so it looks the same without the fonts).
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

    private static final Pattern FONT_FAMILY = Pattern.compile("font-family:((?:&quot;[^&;]*&quot;)|'[^']*'|[A-Za-z ]+)");
    private static final String FALLBACK_FONTS = "&quot;DejaVu Sans&quot;,Verdana,Arial,Helvetica,sans-serif";
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
        return write(figure, directory, baseName, EnumSet.of(FigureOptions.Format.PNG, FigureOptions.Format.SVG));
    }

    /**
     * Renders and writes the figure in the given formats, {@code directory/baseName.png}, {@code .svg},
     * {@code .pdf}, creating the directory if needed. Every file is rendered to memory before the first is written.
     *
     * @param figure    the figure
     * @param directory the output directory
     * @param baseName  the file name without extension: a plain file name
     * @param formats   the formats, not empty
     * @return the written paths, in the order PNG, SVG, PDF
     * @throws IllegalArgumentException if the base name is not a plain file name
     * @throws UncheckedIOException     if a file cannot be written
     */
    public static List<Path> write(Figure figure, Path directory, String baseName, Set<FigureOptions.Format> formats) {
        Objects.requireNonNull(figure, "figure");
        Objects.requireNonNull(directory, "directory");
        checkBaseName(baseName);
        Map<FigureOptions.Format, byte[]> bytes = new EnumMap<>(FigureOptions.Format.class);
        for (FigureOptions.Format f : EnumSet.copyOf(formats)) {
            bytes.put(f, switch (f) {
                case PNG -> png(figure);
                case SVG -> svg(figure);
                case PDF -> pdf(figure);
            });
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<FigureOptions.Format, byte[]> e : bytes.entrySet()) {
            Path file = directory.resolve(baseName + e.getKey().extension());
            AtomicFiles.write(file, e.getValue());
            written.add(file);
        }
        return written;
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
        XYChart chart = figure.chart();
        TextKeepingGraphics g = new TextKeepingGraphics(strings(figure), rotatedStrings(figure));
        chart.paint(g, chart.getWidth(), chart.getHeight());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            new SVGProcessor().getDocument(g.getCommands(), new PageSize(0.0, 0.0, chart.getWidth(), chart.getHeight()))
                    .writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode SVG: " + e.getMessage(), e);
        }
        // the font the figure was drawn with, then fallbacks for a viewer without it (a logical Java family such as
        // SansSerif is no CSS family and is dropped)
        Matcher fm = FONT_FAMILY.matcher(bytes.toString(StandardCharsets.UTF_8));
        StringBuilder withFallbacks = new StringBuilder();
        while (fm.find()) {
            String family = fm.group(1).replace("&quot;", "").replace("'", "").strip();
            String first = family.equals("SansSerif") || family.equals("Dialog") || family.equals("DejaVu Sans") ? "" : "&quot;" + family + "&quot;,";
            fm.appendReplacement(withFallbacks, Matcher.quoteReplacement("font-family:" + first + FALLBACK_FONTS));
        }
        fm.appendTail(withFallbacks);
        String svg = withFallbacks.toString();
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
     * Renders the figure as a PDF of the figure's physical size (vectors; text as glyph outlines, so it looks the
     * same without the fonts).
     *
     * @param figure the figure
     * @return the PDF bytes
     */
    public static byte[] pdf(Figure figure) {
        XYChart chart = figure.chart();
        // VectorGraphics2D measures a PDF page in millimetres: the page is the figure's physical size, the drawing
        // scaled from pixels (dpi per inch) to millimetres
        double scale = 25.4 / figure.style().dpi();
        VectorGraphics2D page = new VectorGraphics2D();
        page.scale(scale, scale);
        chart.paint(page, chart.getWidth(), chart.getHeight());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            new PDFProcessor(true).getDocument(page.getCommands(),
                    new PageSize(0.0, 0.0, chart.getWidth() * scale, chart.getHeight() * scale)).writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PDF: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param figure a figure
     * @return the strings its chart draws upright, each with the fonts it may be drawn in (a {@link KeptText}
     *         chart's own too)
     */
    static Map<String, List<Font>> strings(Figure figure) {
        XYChart chart = figure.chart();
        var st = chart.getStyler();
        List<Font> fonts = List.of(st.getChartTitleFont(), st.getAxisTitleFont(), st.getLegendFont(), st.getBaseFont());
        Map<String, List<Font>> out = new HashMap<>();
        out.put(chart.getTitle(), fonts);
        out.put(chart.getXAxisTitle(), fonts);
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (String line : s.getLabel().split("\\n")) {
                out.put(line, fonts);
            }
        }
        if (chart instanceof KeptText k) {
            out.putAll(k.upright());
        }
        return out;
    }

    /**
     * @param figure a figure
     * @return the strings its chart may draw rotated: the y axis title (and a {@link KeptText} chart's own)
     */
    static Map<String, List<Font>> rotatedStrings(Figure figure) {
        var st = figure.chart().getStyler();
        Map<String, List<Font>> out = new HashMap<>();
        out.put(figure.chart().getYAxisTitle(), List.of(st.getAxisTitleFont()));
        if (figure.chart() instanceof KeptText k) {
            out.putAll(k.rotated());
        }
        return out;
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
