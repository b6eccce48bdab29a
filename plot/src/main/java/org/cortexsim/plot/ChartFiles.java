package org.cortexsim.plot;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.text.TextUtils;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * Writes a chart to a PNG or SVG file. A file is written next to its target under a temporary name
 * and moved into place, so a failed write leaves no half image; an existing file is replaced.
 */
final class ChartFiles {
    private ChartFiles() {
    }

    static void write(JFreeChart chart, ImageFormat format, int widthPx, int heightPx, Path out) throws IOException {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "no such directory for " + out);
        }
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
        try {
            if (format == ImageFormat.PNG) {
                try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    ChartUtils.writeChartAsPNG(os, chart, widthPx, heightPx, true, 9);
                }
            } else {
                Files.writeString(tmp, svg(chart, widthPx, heightPx), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The chart as a standalone SVG document (coordinates to 0.01 px). Text stays text, rotated axis
     * labels included: JFreeChart's rotated-text workaround, which draws rotated labels as glyph
     * outlines, is switched off while drawing (it is a JFreeChart-wide setting, hence the lock).
     */
    static synchronized String svg(JFreeChart chart, int widthPx, int heightPx) {
        SVGGraphics2D g2 = new SVGGraphics2D(widthPx, heightPx);
        g2.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2));
        boolean workaround = TextUtils.isUseDrawRotatedStringWorkaround();
        TextUtils.setUseDrawRotatedStringWorkaround(false);
        try {
            chart.draw(g2, new Rectangle(0, 0, widthPx, heightPx));
        } finally {
            TextUtils.setUseDrawRotatedStringWorkaround(workaround);
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g2.getSVGElement() + "\n";
    }
}
