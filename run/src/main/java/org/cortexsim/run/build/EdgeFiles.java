package org.cortexsim.run.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.Location;
import org.cortexsim.results.EdgeData;
import org.cortexsim.results.SonataReader;

/**
 * Reads synapse lists for {@code from_file} projections: CSV with a header naming
 * {@code pre,post} and optionally {@code weight} and {@code delay} (ms) columns, or the
 * SONATA edges of an HDF5 file ({@code /edges/<name>/source_node_id, target_node_id} with
 * {@code syn_weight} and {@code delay} in group {@code 0}). Node ids are local to the
 * populations. Weights or delays absent from the file are null.
 */
final class EdgeFiles {
    record Edges(int[] pre, int[] post, double[] weights, double[] delaysMs) {
    }

    private EdgeFiles() {
    }

    static Edges csv(Path path, Location location) throws ConfigException {
        List<String> lines = ValueSources.readLines(path, location);
        if (lines.isEmpty()) {
            throw new ConfigException(location, path + " is empty; expected a header 'pre,post[,weight,delay]'");
        }
        String[] header = lines.get(0).split(",", -1);
        int pre = -1;
        int post = -1;
        int weight = -1;
        int delay = -1;
        for (int i = 0; i < header.length; i++) {
            switch (header[i].trim()) {
                case "pre", "source", "source_node_id" -> pre = i;
                case "post", "target", "target_node_id" -> post = i;
                case "weight", "syn_weight" -> weight = i;
                case "delay", "delay_ms" -> delay = i;
                default -> {
                }
            }
        }
        if (pre < 0 || post < 0) {
            throw new ConfigException(location, path + ": the header must name 'pre' and 'post' columns, got '"
                    + lines.get(0) + "'");
        }
        int rows = lines.size() - 1;
        int[] preIds = new int[rows];
        int[] postIds = new int[rows];
        double[] weights = weight >= 0 ? new double[rows] : null;
        double[] delays = delay >= 0 ? new double[rows] : null;
        int n = 0;
        for (int r = 1; r < lines.size(); r++) {
            String line = lines.get(r);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            String where = path + ":" + (r + 1);
            preIds[n] = intCell(cells, pre, where, location);
            postIds[n] = intCell(cells, post, where, location);
            if (weights != null) {
                weights[n] = doubleCell(cells, weight, where, location);
            }
            if (delays != null) {
                delays[n] = doubleCell(cells, delay, where, location);
            }
            n++;
        }
        return new Edges(java.util.Arrays.copyOf(preIds, n), java.util.Arrays.copyOf(postIds, n),
                weights == null ? null : java.util.Arrays.copyOf(weights, n),
                delays == null ? null : java.util.Arrays.copyOf(delays, n));
    }

    private static int intCell(String[] cells, int col, String where, Location location) throws ConfigException {
        double x = doubleCell(cells, col, where, location);
        if (x != Math.rint(x) || x < 0 || x > Integer.MAX_VALUE) {
            throw new ConfigException(location, where + ": node id '" + cells[col].trim()
                    + "' is not a whole number >= 0");
        }
        return (int) x;
    }

    private static double doubleCell(String[] cells, int col, String where, Location location)
            throws ConfigException {
        if (col >= cells.length) {
            throw new ConfigException(location, where + ": missing column " + (col + 1));
        }
        try {
            double x = Double.parseDouble(cells[col].trim());
            if (!Double.isFinite(x)) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new ConfigException(location, where + ": '" + cells[col].trim() + "' is not a finite number");
        }
    }

    static Edges sonata(Path path, String name, Location location) throws ConfigException {
        try (SonataReader reader = SonataReader.open(path)) {
            if (!reader.edgePopulations().contains(name)) {
                throw new ConfigException(location, path + " has no edge population '" + name + "'; it has: "
                        + reader.edgePopulations());
            }
            EdgeData e = reader.edges(name);
            int[] pre = new int[e.count()];
            int[] post = new int[e.count()];
            for (int i = 0; i < pre.length; i++) {
                pre[i] = Math.toIntExact(e.sourceNodeIds()[i]);
                post[i] = Math.toIntExact(e.targetNodeIds()[i]);
            }
            return new Edges(pre, post, e.synWeight(), e.delayMs());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(location, "cannot read SONATA edges '" + name + "' from " + path + ": "
                    + e.getMessage());
        }
    }
}
