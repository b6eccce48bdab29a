package org.cortexsim.plot;

import java.awt.Rectangle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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
 * and moved into place, so a failed write leaves no half image; an existing file is replaced. A
 * directory that does not accept the temporary file is an {@link AccessDeniedException} naming the
 * directory (a usage error).
 */
final class ChartFiles {
    private ChartFiles() {
    }

    static void write(JFreeChart chart, ImageFormat format, int widthPx, int heightPx, Path out) throws IOException {
        write(new JFreeChart[][] {{chart}}, format, widthPx, heightPx, out);
    }

    /**
     * Writes a grid of charts as one image: {@code grid[row][column]}, rows of equal height,
     * the charts of a row of equal width.
     */
    static void write(JFreeChart[][] grid, ImageFormat format, int widthPx, int heightPx, Path out)
            throws IOException {
        Path target = out.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null, "no such directory for " + out);
        }
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
        try {
            Files.createFile(tmp);
        } catch (IOException | SecurityException e) {
            throw new AccessDeniedException(dir.toString(), null, "cannot write " + target.getFileName()
                    + " in this directory (" + reason(e) + "); choose another directory with -o");
        }
        try {
            if (format == ImageFormat.PNG) {
                try (OutputStream os = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE)) {
                    if (grid.length == 1 && grid[0].length == 1) {
                        ChartUtils.writeChartAsPNG(os, grid[0][0], widthPx, heightPx, true, 9);
                    } else {
                        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(widthPx, heightPx,
                                java.awt.image.BufferedImage.TYPE_INT_RGB);
                        java.awt.Graphics2D g2 = image.createGraphics();
                        draw(grid, g2, widthPx, heightPx);
                        g2.dispose();
                        ChartUtils.writeBufferedImageAsPNG(os, image, true, 9);
                    }
                }
            } else {
                Files.writeString(tmp, svg(grid, widthPx, heightPx), StandardCharsets.UTF_8,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("writing " + target + " failed (" + reason(e) + "); nothing was written there", e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The operating system's reason for a file-system failure, else the exception in words. */
    private static String reason(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * The chart as a standalone SVG document (coordinates to 0.01 px). Text stays text, rotated axis
     * labels included: JFreeChart's rotated-text workaround, which draws rotated labels as glyph
     * outlines, is switched off while drawing (it is a JFreeChart-wide setting, hence the lock).
     */
    static synchronized String svg(JFreeChart chart, int widthPx, int heightPx) {
        return svg(new JFreeChart[][] {{chart}}, widthPx, heightPx);
    }

    /** A grid of charts (see {@link #write(JFreeChart[][], ImageFormat, int, int, Path)}) as one SVG document. */
    static synchronized String svg(JFreeChart[][] grid, int widthPx, int heightPx) {
        SVGGraphics2D g2 = new SVGGraphics2D(widthPx, heightPx);
        g2.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2));
        boolean workaround = TextUtils.isUseDrawRotatedStringWorkaround();
        TextUtils.setUseDrawRotatedStringWorkaround(false);
        try {
            draw(grid, g2, widthPx, heightPx);
        } finally {
            TextUtils.setUseDrawRotatedStringWorkaround(workaround);
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g2.getSVGElement() + "\n";
    }

    private static void draw(JFreeChart[][] grid, java.awt.Graphics2D g2, int widthPx, int heightPx) {
        g2.setPaint(java.awt.Color.WHITE);
        g2.fillRect(0, 0, widthPx, heightPx);
        int rows = grid.length;
        for (int r = 0; r < rows; r++) {
            int top = heightPx * r / rows;
            int bottom = heightPx * (r + 1) / rows;
            int cols = grid[r].length;
            for (int c = 0; c < cols; c++) {
                int left = widthPx * c / cols;
                int right = widthPx * (c + 1) / cols;
                grid[r][c].draw(g2, new Rectangle(left, top, right - left, bottom - top));
            }
        }
    }
}
