package org.cortexsim.run.build;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.Location;
import org.cortexsim.config.RuleSpec;
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

    /**
     * The synapses of a SONATA circuit's projection: the edges of the rule's edge population with
     * one of its edge types between the pre and post populations' nodes, in file order, with node
     * ids made local. The weight of an edge is its {@code syn_weight} times its {@code nsyns}
     * (default 1, as bmtk's point-neuron simulator does) and its delay its {@code delay} (ms), each
     * taken from the edge's group ({@code edge_group_id}, {@code edge_group_index}) or else from
     * its row of the edge types table. Delays are null when no edge has one.
     */
    static Edges sonataCircuit(RuleSpec.SonataCircuitEdges rule) throws ConfigException {
        Location location = rule.location();
        String base = "/edges/" + rule.population();
        try (SonataReader r = SonataReader.open(rule.edgesFile())) {
            TypesTable types = rule.edgeTypesFile() == null ? null
                    : TypesTable.read(rule.edgeTypesFile(), "edge_type_id", rule.population());
            long[] src = r.longs(base + "/source_node_id");
            long[] tgt = r.longs(base + "/target_node_id");
            long[] type = r.longs(base + "/edge_type_id");
            int n = src.length;
            long[] group = r.isDataset(base + "/edge_group_id") ? r.longs(base + "/edge_group_id") : new long[n];
            long[] index = r.isDataset(base + "/edge_group_index") ? r.longs(base + "/edge_group_index") : null;
            if (tgt.length != n || type.length != n || group.length != n || (index != null && index.length != n)) {
                throw new ConfigException(location, rule.edgesFile() + ": the datasets of " + base
                        + " have different lengths");
            }
            long[] wanted = rule.edgeTypeIds();
            java.util.Arrays.sort(wanted);
            long[] preIds = rule.sourceNodeIds();
            long[] postIds = rule.targetNodeIds();
            java.util.Map<Long, java.util.Map<String, double[]>> groups = new java.util.HashMap<>();
            int[] pre = new int[n];
            int[] post = new int[n];
            double[] weights = new double[n];
            double[] delays = new double[n];
            int withDelay = 0;
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (java.util.Arrays.binarySearch(wanted, type[i]) < 0) {
                    continue;
                }
                int s = local(preIds, src[i]);
                int t = local(postIds, tgt[i]);
                if (s < 0 || t < 0) {
                    continue;
                }
                java.util.Map<String, double[]> columns = groups.get(group[i]);
                if (columns == null) {
                    columns = new java.util.HashMap<>();
                    for (String name : java.util.List.of("syn_weight", "delay", "nsyns")) {
                        double[] v = r.numbers(base + "/" + group[i] + "/" + name);
                        if (v != null) {
                            columns.put(name, v);
                        }
                    }
                    groups.put(group[i], columns);
                }
                int row = index == null ? i : Math.toIntExact(index[i]);
                java.util.Map<String, String> typeRow = types == null ? null : types.row(type[i]);
                double w = edgeValue(columns, typeRow, "syn_weight", row, types);
                if (Double.isNaN(w)) {
                    throw new ConfigException(location, rule.edgesFile() + ": edge " + i + " of '" + rule.population()
                            + "' has no syn_weight, neither in its edge group nor for its edge type " + type[i]
                            + (types == null ? "" : " in " + types.file()));
                }
                double nsyns = edgeValue(columns, typeRow, "nsyns", row, types);
                double d = edgeValue(columns, typeRow, "delay", row, types);
                pre[k] = s;
                post[k] = t;
                weights[k] = Double.isNaN(nsyns) ? w : w * nsyns;
                delays[k] = d;
                withDelay += Double.isNaN(d) ? 0 : 1;
                k++;
            }
            if (withDelay != 0 && withDelay != k) {
                throw new ConfigException(location, rule.edgesFile() + ": " + (k - withDelay) + " of the " + k
                        + " edges of '" + rule.population() + "' have no delay while the others do; give every edge"
                        + " a delay (in its group or its edge type)");
            }
            return new Edges(java.util.Arrays.copyOf(pre, k), java.util.Arrays.copyOf(post, k),
                    java.util.Arrays.copyOf(weights, k), withDelay == 0 ? null : java.util.Arrays.copyOf(delays, k));
        } catch (ConfigException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(location, "cannot read SONATA edges '" + rule.population() + "' from "
                    + rule.edgesFile() + ": " + e.getMessage());
        }
    }

    private static int local(long[] ids, long id) {
        if (ids == null) {
            return Math.toIntExact(id);
        }
        int i = java.util.Arrays.binarySearch(ids, id);
        return i < 0 ? -1 : i;
    }

    private static double edgeValue(java.util.Map<String, double[]> columns, java.util.Map<String, String> typeRow,
            String name, int row, TypesTable types) throws IOException {
        double[] column = columns.get(name);
        if (column != null) {
            if (row < 0 || row >= column.length) {
                throw new IOException("edge_group_index " + row + " is outside the " + column.length + " rows of "
                        + name);
            }
            return column[row];
        }
        String cell = typeRow == null ? null : typeRow.get(name);
        if (cell == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IOException(types.file() + ": " + name + " '" + cell + "' is not a number");
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
