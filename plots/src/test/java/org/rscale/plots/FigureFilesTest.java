package org.rscale.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rscale.sweeps.testing.QuietConsole;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

@ExtendWith(QuietConsole.class)
class FigureFilesTest {

    @Test
    void writesAValidPngAndSvgNamedAfterTheBase(@TempDir Path dir) throws Exception {
        Figure figure = SampleFigures.scaling(7).draw();
        List<Path> written = FigureFiles.write(figure, dir.resolve("sub"), "scaling_A");
        assertEquals(List.of(dir.resolve("sub/scaling_A.png"), dir.resolve("sub/scaling_A.svg")), written);

        BufferedImage png = ImageIO.read(written.get(0).toFile());
        assertNotNull(png, "PNG decodes");
        assertEquals(1020, png.getWidth());
        assertEquals(figure.chart().getHeight(), png.getHeight());
        assertEquals(0xFFFFFF, png.getRGB(2, 2) & 0xFFFFFF, "white background");

        Document svg = parseSvg(Files.readAllBytes(written.get(1)));
        Element root = svg.getDocumentElement();
        assertEquals("svg", root.getNodeName());
        assertEquals("3.4000in", root.getAttribute("width"));
        String text = svg.getDocumentElement().getTextContent();
        assertTrue(text.contains("max norm: slope \u2212"), "legend text in the SVG");
        assertTrue(text.contains("tanh, shared \u03B4"), "title in the SVG");
    }

    @Test
    void svgKeepsEveryTextAsTextAndPdfIsAVectorPage(@TempDir Path dir) throws Exception {
        Figure figure = SampleFigures.scaling(7).draw();
        List<Path> written = FigureFiles.write(figure, dir, "f", java.util.EnumSet.allOf(FigureOptions.Format.class));
        assertEquals(List.of(dir.resolve("f.png"), dir.resolve("f.svg"), dir.resolve("f.pdf")), written);
        Document svg = parseSvg(Files.readAllBytes(dir.resolve("f.svg")));
        org.w3c.dom.NodeList texts = svg.getElementsByTagName("text");
        List<String> strings = new java.util.ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            strings.add(texts.item(i).getTextContent());
        }
        // the title, both axis titles, every legend entry and the tick labels are <text> elements, not outlines
        assertTrue(strings.contains(figure.chart().getTitle()), strings.toString());
        assertTrue(strings.contains(figure.chart().getXAxisTitle()) && strings.contains(figure.chart().getYAxisTitle()),
                strings.toString());
        for (var s : figure.chart().getSeriesMap().values()) {
            if (s.isShowInLegend()) {
                assertTrue(strings.contains(s.getLabel().split("\n")[0]), s.getLabel() + " in " + strings);
            }
        }
        assertTrue(strings.stream().anyMatch(t -> t.startsWith("10")), "tick labels: " + strings);
        String raw = Files.readString(dir.resolve("f.svg"));
        assertTrue(raw.contains("DejaVu Sans") && raw.contains("sans-serif"), "a font with fallbacks");
        byte[] pdf = Files.readAllBytes(dir.resolve("f.pdf"));
        String head = new String(pdf, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("%PDF-"), head);
        String all = new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1);
        // the page is the figure's physical size in points: 3.4 in = 244.8 pt wide
        assertTrue(all.contains("/MediaBox [0 0 244.8") || all.contains("/MediaBox [0.0 0.0 244.8"), "page size");
    }

    @Test
    void pngRecordsTheStyleResolution() throws Exception {
        byte[] png = FigureFiles.png(SampleFigures.depthLoss(1).draw(new PaperStyle(3.4, 2.6, 200, 8)));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            reader.setInput(in);
            assertEquals(680, reader.getWidth(0));
            IIOMetadata meta = reader.getImageMetadata(0);
            Node pHYs = find(meta.getAsTree("javax_imageio_png_1.0"), "pHYs");
            assertNotNull(pHYs, "pHYs chunk");
            long perMetre = Long.parseLong(pHYs.getAttributes().getNamedItem("pixelsPerUnitXAxis").getNodeValue());
            assertEquals(200 / 0.0254, perMetre, 1.0);
            assertEquals("meter", pHYs.getAttributes().getNamedItem("unitSpecifier").getNodeValue());
            reader.dispose();
        }
    }

    @Test
    void replacesExistingFilesAndLeavesNoTemporaries(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("f.png"), "old");
        FigureFiles.write(SampleFigures.depthLoss(1).draw(), dir, "f");
        FigureFiles.write(SampleFigures.depthLoss(2).draw(), dir, "f");
        assertNotNull(ImageIO.read(dir.resolve("f.png").toFile()));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("f.png", "f.svg"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void baseNameMustBeAPlainFileName(@TempDir Path dir) {
        Figure figure = SampleFigures.depthLoss(1).draw();
        for (String bad : new String[] {"", " ", "../x", "a/b", "a\\b", ".hidden"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FigureFiles.write(figure, dir, bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void svgDescriptionListsAxesLegendAndNotes() {
        ScalingFigure f = new ScalingFigure("", "A_k", List.of(ScalingFigure.Series.of("a <b>",
                new double[] {3, 10}, new double[] {1, -1})));
        Figure figure = f.draw();
        String desc = FigureFiles.description(figure);
        assertTrue(desc.startsWith("x: depth L; y: statistic of A_k; legend: a <b> (1 value"), desc);
        assertTrue(desc.contains("; note: 'a <b>'"), desc);
        assertEquals("svg", parseSvg(FigureFiles.svg(figure)).getDocumentElement().getNodeName(), "escaped");
    }

    private static Document parseSvg(byte[] bytes) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // the SVG names the W3C DTD: never fetch it
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            throw new AssertionError("SVG does not parse as XML: " + e.getMessage(), e);
        }
    }

    private static Node find(Node node, String name) {
        if (name.equals(node.getNodeName())) {
            return node;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            Node found = find(child, name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
