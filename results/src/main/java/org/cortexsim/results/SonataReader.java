package org.cortexsim.results;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads SONATA HDF5 files (spikes, reports, edges, root attributes), such as those written by
 * {@link SonataWriter}, through jHDF.
 *
 * <p><b>What it owns.</b> One open jHDF {@link HdfFile}, released by {@link #close()}. Reads are
 * lazy: listing populations and report metadata reads no bulk data; {@link #reportSlice} (float32 or
 * float64 data, returned as double) and the
 * time-window form of {@link #spikes(String, double, double)} (for {@code by_time} populations) read
 * only the requested hyperslab.
 *
 * <p><b>Invariants and conventions.</b> uint64 ids are returned as {@code long} (an id above {@link
 * Long#MAX_VALUE} is an error); times are in ms; populations listed in the root attributes {@value
 * SonataWriter#EMPTY_SPIKE_POPULATIONS_ATTR} / {@value SonataWriter#EMPTY_EDGE_POPULATIONS_ATTR}
 * exist with zero spikes / edges. A missing {@code sorting} attribute reads as {@link Sorting#NONE}.
 * Not thread-safe.
 */
public final class SonataReader implements AutoCloseable {

    private final Path path;
    private final HdfFile file;

    private SonataReader(Path path, HdfFile file) {
        this.path = path;
        this.file = file;
    }

    /**
     * Opens a file for reading.
     *
     * @throws NoSuchFileException if it does not exist or is a directory
     * @throws UnreadableFileException if it is not HDF5, or its root group is damaged or truncated
     */
    public static SonataReader open(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        if (Files.isDirectory(path)) {
            throw new NoSuchFileException(path.toString(), null, "is a directory, not an HDF5 file");
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such HDF5 file");
        }
        HdfFile file;
        try {
            file = new HdfFile(path);
        } catch (RuntimeException e) {
            throw UnreadableFileException.notHdf5(path, e);
        }
        try {
            file.getAttributes();
            return new SonataReader(path, file);
        } catch (RuntimeException e) {
            file.close();
            throw UnreadableFileException.damaged(path, e);
        }
    }

    /** The file being read. */
    public Path path() {
        return path;
    }

    // ---------------------------------------------------------------- root attributes

    /**
     * All root attributes, by name, with integer values widened to {@code Long} / {@code long[]}
     * (including uint32 {@code magic}); floats as {@code Double} / {@code double[]}; strings as
     * {@code String} / {@code String[]}.
     */
    public Map<String, Object> rootAttributes() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Attribute> e : file.getAttributes().entrySet()) {
            out.put(e.getKey(), normalize(e.getValue().getData()));
        }
        return out;
    }

    /** One root attribute as by {@link #rootAttributes()}, or {@code null} if absent. */
    public Object rootAttribute(String name) {
        Attribute a = file.getAttribute(name);
        return a == null ? null : normalize(a.getData());
    }

    /**
     * The attributes of the group or dataset at {@code path} (empty if there is none), e.g. the
     * provenance of a population at {@code /provenance/populations/exc/parameters}.
     */
    public Map<String, Object> attributes(String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            io.jhdf.api.Node node = file.getByPath(path);
            for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
                out.put(e.getKey(), normalize(e.getValue().getData()));
            }
        } catch (RuntimeException e) {
            return out;
        }
        return out;
    }

    /** The names of the children of the group at {@code path}, or an empty list. */
    public List<String> children(String path) {
        try {
            io.jhdf.api.Node node = file.getByPath(path);
            if (node instanceof Group g) {
                return new ArrayList<>(g.getChildren().keySet());
            }
        } catch (RuntimeException e) {
            return List.of();
        }
        return List.of();
    }

    /** A whole 1-D float64 dataset, e.g. a provenance table column. */
    public double[] doubles(String datasetPath) {
        Object data = datasetAt(datasetPath).getData();
        if (data instanceof double[] a) {
            return a;
        }
        throw new IllegalStateException(datasetPath + " in " + path + " is not a 1-D float64 dataset");
    }

    /**
     * A whole 1-D numeric dataset of any HDF5 float or integer type, widened to double (uint64
     * above 2^53 loses precision); null when {@code datasetPath} is not a 1-D numeric dataset.
     */
    public double[] numbers(String datasetPath) {
        Node n;
        try {
            n = file.getByPath(datasetPath);
        } catch (RuntimeException e) {
            return null;
        }
        if (!(n instanceof Dataset d) || d.getDimensions().length != 1) {
            return null;
        }
        Object data = d.getData();
        if (data instanceof double[] a) {
            return a;
        }
        if (data instanceof float[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (data instanceof BigInteger[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i].doubleValue();
            }
            return out;
        }
        if (data instanceof long[] || data instanceof int[] || data instanceof short[] || data instanceof byte[]) {
            long[] l = toLongs(data);
            double[] out = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                out[i] = l[i];
            }
            return out;
        }
        return null;
    }

    /** Whether there is a dataset at {@code path}. */
    public boolean isDataset(String path) {
        try {
            return file.getByPath(path) instanceof Dataset;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether there is a group at {@code path}. */
    public boolean isGroup(String path) {
        try {
            return file.getByPath(path) instanceof Group;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A whole 1-D integer dataset, widened to {@code long}. */
    public long[] longs(String datasetPath) {
        return toLongs(datasetAt(datasetPath).getData());
    }

    /** A whole 1-D string dataset. */
    public String[] strings(String datasetPath) {
        Object data = datasetAt(datasetPath).getData();
        if (data instanceof String[] a) {
            return a;
        }
        throw new IllegalStateException(datasetPath + " in " + path + " is not a 1-D string dataset");
    }

    private Dataset datasetAt(String datasetPath) {
        Node n;
        try {
            n = file.getByPath(datasetPath);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("no dataset " + datasetPath + " in " + path, e);
        }
        if (n instanceof Dataset d) {
            return d;
        }
        throw new IllegalArgumentException(datasetPath + " in " + path + " is not a dataset");
    }

    // ---------------------------------------------------------------- spikes

    /** Names of the spike populations, including those recorded as having no spikes. */
    public List<String> spikePopulations() {
        List<String> names = new ArrayList<>(childNames("spikes"));
        for (String empty : stringList(SonataWriter.EMPTY_SPIKE_POPULATIONS_ATTR)) {
            if (!names.contains(empty)) {
                names.add(empty);
            }
        }
        return names;
    }

    /** The declared order of a population's spikes ({@link Sorting#NONE} when not declared). */
    public Sorting spikeSorting(String population) {
        Group g = spikeGroup(population);
        if (g == null) {
            return Sorting.NONE;
        }
        Attribute a = g.getAttribute("sorting");
        return a == null ? Sorting.NONE : Sorting.parse(normalize(a.getData()));
    }

    /** Number of spikes of a population. */
    public int spikeCount(String population) {
        Group g = spikeGroup(population);
        return g == null ? 0 : Math.toIntExact(dataset(g, "node_ids").getSize());
    }

    /** All spikes of a population, in file order. */
    public SpikeData spikes(String population) {
        Group g = spikeGroup(population);
        if (g == null) {
            return new SpikeData(population, new double[0], new long[0], Sorting.NONE);
        }
        double[] t = (double[]) dataset(g, "timestamps").getData();
        long[] ids = toLongs(dataset(g, "node_ids").getData());
        return new SpikeData(population, t, ids, spikeSorting(population));
    }

    /**
     * Spikes of a population with {@code fromMs <= t < toMs}, in file order. For a {@code by_time}
     * population only the matching range is read (located by binary search on single-element
     * reads); otherwise the population is read in full and filtered.
     */
    public SpikeData spikes(String population, double fromMs, double toMs) {
        if (!(fromMs <= toMs)) {
            throw new IllegalArgumentException("time window [" + fromMs + ", " + toMs + ") ms is empty or invalid");
        }
        Group g = spikeGroup(population);
        Sorting sorting = spikeSorting(population);
        if (g == null) {
            return new SpikeData(population, new double[0], new long[0], sorting);
        }
        if (sorting == Sorting.BY_TIME) {
            Dataset t = dataset(g, "timestamps");
            int n = Math.toIntExact(t.getSize());
            int lo = lowerBound(t, n, fromMs);
            int hi = lowerBound(t, n, toMs);
            if (hi <= lo) {
                return new SpikeData(population, new double[0], new long[0], sorting);
            }
            double[] times = (double[]) t.getData(new long[] {lo}, new int[] {hi - lo});
            long[] ids = toLongs(dataset(g, "node_ids").getData(new long[] {lo}, new int[] {hi - lo}));
            return new SpikeData(population, times, ids, sorting);
        }
        SpikeData all = spikes(population);
        int k = 0;
        double[] times = new double[all.count()];
        long[] ids = new long[all.count()];
        for (int i = 0; i < all.count(); i++) {
            double ti = all.timestampsMs()[i];
            if (ti >= fromMs && ti < toMs) {
                times[k] = ti;
                ids[k++] = all.nodeIds()[i];
            }
        }
        return new SpikeData(population, Arrays.copyOf(times, k), Arrays.copyOf(ids, k), sorting);
    }

    /** First index whose timestamp is {@code >= t}, in a non-decreasing dataset of length n. */
    private static int lowerBound(Dataset timestamps, int n, double t) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double v = ((double[]) timestamps.getData(new long[] {mid}, new int[] {1}))[0];
            if (v < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private Group spikeGroup(String population) {
        Group g = childGroup("spikes", population);
        if (g == null && !stringList(SonataWriter.EMPTY_SPIKE_POPULATIONS_ATTR).contains(population)) {
            throw new IllegalArgumentException("no spike population '" + population + "' in " + path
                    + " (available: " + spikePopulations() + ")");
        }
        return g;
    }

    // ---------------------------------------------------------------- reports

    /** Names of the report populations ({@code /report/*}). */
    public List<String> reportPopulations() {
        return childNames("report");
    }

    /** Units, node ids, time axis and shape of a report, without reading its data. */
    public ReportMetadata reportMetadata(String population) {
        Group g = childGroup("report", population);
        if (g == null) {
            throw new IllegalArgumentException("no report '" + population + "' in " + path
                    + " (available: " + reportPopulations() + ")");
        }
        Dataset data = dataset(g, "data");
        int[] dims = data.getDimensions();
        if (dims.length != 2) {
            throw new IllegalStateException("/report/" + population + "/data in " + path + " is not 2-D (times x"
                    + " elements) but " + Arrays.toString(dims) + "; it is not a SONATA report");
        }
        Attribute unitsAttr = data.getAttribute("units");
        String units = unitsAttr == null ? "" : String.valueOf(unitsAttr.getData());
        Group mapping = (Group) g.getChild("mapping");
        long[] nodeIds = toLongs(dataset(mapping, "node_ids").getData());
        double[] time = (double[]) dataset(mapping, "time").getData();
        return new ReportMetadata(population, units, nodeIds, time[0], time[1], time[2], dims[0], dims[1]);
    }

    /**
     * Reads rows {@code [rowStart, rowStart + rowCount)} and columns {@code [colStart, colStart +
     * colCount)} of a report's data, without reading the rest.
     *
     * @return row-major values, {@code rowCount * colCount} long
     * @throws IndexOutOfBoundsException if the block is outside the data
     */
    public double[] reportSlice(String population, int rowStart, int rowCount, int colStart, int colCount) {
        ReportMetadata m = reportMetadata(population);
        Objects.checkFromIndexSize(rowStart, rowCount, m.rows());
        Objects.checkFromIndexSize(colStart, colCount, m.cols());
        double[] out = new double[Math.multiplyExact(rowCount, colCount)];
        if (out.length == 0) {
            return out;
        }
        Dataset data = dataset(childGroup("report", population), "data");
        Object block = data.getData(new long[] {rowStart, colStart}, new int[] {rowCount, colCount});
        if (block instanceof double[][] rows) {
            for (int r = 0; r < rowCount; r++) {
                System.arraycopy(rows[r], 0, out, r * colCount, colCount);
            }
        } else if (block instanceof float[][] rows) {
            for (int r = 0; r < rowCount; r++) {
                float[] row = rows[r];
                for (int c = 0; c < colCount; c++) {
                    out[r * colCount + c] = row[c];
                }
            }
        } else {
            throw new IllegalStateException("report '" + population + "' data in " + path
                    + " is neither float32 nor float64");
        }
        return out;
    }

    // ---------------------------------------------------------------- edges

    /** Names of the edge populations, including those recorded as having no edges. */
    public List<String> edgePopulations() {
        List<String> names = new ArrayList<>(childNames("edges"));
        for (String empty : stringList(SonataWriter.EMPTY_EDGE_POPULATIONS_ATTR)) {
            if (!names.contains(empty)) {
                names.add(empty);
            }
        }
        return names;
    }

    /**
     * All edges of a population. For an empty population the node population names are unknown
     * and returned as empty strings.
     */
    public EdgeData edges(String name) {
        Group g = childGroup("edges", name);
        if (g == null) {
            if (stringList(SonataWriter.EMPTY_EDGE_POPULATIONS_ATTR).contains(name)) {
                return new EdgeData(name, "", "", new long[0], new long[0], new double[0], new double[0]);
            }
            throw new IllegalArgumentException("no edge population '" + name + "' in " + path
                    + " (available: " + edgePopulations() + ")");
        }
        Dataset source = dataset(g, "source_node_id");
        Dataset targetDs = dataset(g, "target_node_id");
        Group group0 = (Group) g.getChild("0");
        return new EdgeData(name, stringAttribute(source, "node_population"),
                stringAttribute(targetDs, "node_population"), toLongs(source.getData()), toLongs(targetDs.getData()),
                (double[]) dataset(group0, "syn_weight").getData(), (double[]) dataset(group0, "delay").getData());
    }

    @Override
    public void close() {
        file.close();
    }

    // ---------------------------------------------------------------- helpers

    private List<String> childNames(String group) {
        Node n = file.getChildren().get(group);
        if (n instanceof Group g) {
            return new ArrayList<>(g.getChildren().keySet());
        }
        return new ArrayList<>();
    }

    /**
     * Whether report {@code population}'s columns are synapses: its mapping has {@code edge_ids}
     * (a {@code record.weights} report, of the weights or of a plasticity rule's field).
     */
    public boolean reportOfSynapses(String population) {
        Group g = childGroup("report", population);
        return g != null && g.getChildren().get("mapping") instanceof Group mapping
                && mapping.getChildren().containsKey("edge_ids");
    }

    private Group childGroup(String group, String name) {
        Node n = file.getChildren().get(group);
        if (n instanceof Group g && g.getChildren().get(name) instanceof Group child) {
            return child;
        }
        return null;
    }

    private List<String> stringList(String rootAttribute) {
        Object v = rootAttribute(rootAttribute);
        if (v instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        return List.of();
    }

    private Dataset dataset(Group g, String name) {
        Node n = g == null ? null : g.getChildren().get(name);
        if (n instanceof Dataset d) {
            return d;
        }
        throw new IllegalStateException("missing dataset " + (g == null ? "" : g.getPath()) + name + " in " + path);
    }

    private static String stringAttribute(Node node, String name) {
        Attribute a = node.getAttribute(name);
        return a == null ? "" : String.valueOf(a.getData());
    }

    /** Converts jHDF's integer arrays (int64 as long[], uint64 as BigInteger[], narrower types) to long[]. */
    static long[] toLongs(Object data) {
        if (data instanceof long[] a) {
            return a;
        }
        if (data instanceof BigInteger[] a) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i].longValueExact();
            }
            return out;
        }
        if (data instanceof int[] a) {
            return Arrays.stream(a).asLongStream().toArray();
        }
        if (data instanceof short[] a) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (data instanceof byte[] a) {
            long[] out = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        throw new IllegalStateException("expected a 1-D integer array, got "
                + (data == null ? "null" : data.getClass().getSimpleName()));
    }

    private static Object normalize(Object v) {
        if (v instanceof BigInteger b) {
            return b.longValueExact();
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof int[] || v instanceof BigInteger[] || v instanceof short[] || v instanceof byte[]) {
            return toLongs(v);
        }
        return v;
    }
}
