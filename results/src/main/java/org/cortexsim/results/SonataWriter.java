package org.cortexsim.results;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.Node;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds one SONATA HDF5 file in memory and publishes it atomically at {@link #commit()}.
 *
 * <p><b>What it owns.</b> An in-memory tree of groups, datasets and attributes (defensive copies of
 * the caller's arrays), the target path and the overwrite decision. Nothing touches the disk before
 * {@code commit()}: the tree is then written by jHDF to a fresh temporary file in the target's
 * directory ({@code .<name>.<random>.tmp}), re-opened to verify every dataset's shape and attribute,
 * and renamed onto the target ({@code ATOMIC_MOVE}; {@code REPLACE_EXISTING} only where an atomic
 * move is unsupported). Without overwrite the file is published with a hard link, which fails
 * atomically if the target appeared meanwhile. On any failure, and on {@link #close()} without
 * commit, no file and no temporary file is left behind.
 *
 * <p><b>Invariants of the written file.</b>
 *
 * <ul>
 *   <li>Root attributes {@code magic} (uint32 {@code 0x0A7A}) and {@code version} (2 x uint32
 *       {@code [0, 1]}) are always present, as the SONATA specification requires of every file.
 *   <li>Every group has at least one dataset beneath it (groups only come into existence as parents
 *       of datasets), which avoids the jHDF 0.13.0 bug that corrupts files with dataset-less groups.
 *   <li>No dataset is zero-length, ragged, or has a row above 2,147,479,552 bytes;
 *       no name contains {@code '/'}. Violations are rejected with {@link IllegalArgumentException}
 *       when the data is added, never silently written.
 *   <li>The datatypes are the specification's: node ids uint64 ({@code H5T_STD_U64LE}), spike
 *       times float64, report data float32 ({@code H5T_IEEE_F32LE}) unless float64 is asked for
 *       ({@link ReportDtype}), report {@code element_ids} uint32; edge bookkeeping as bmtk's builder
 *       writes it (see {@link #edges(EdgeData, long, long, long)}); every time dataset has
 *       {@code units="ms"}.
 *   <li>Strings are fixed-length UTF-8 (jHDF has no variable-length strings; h5py returns them as
 *       {@code bytes}).
 * </ul>
 *
 * <p><b>Empty populations.</b> HDF5 allows zero-length datasets but jHDF 0.13.0 cannot write them.
 * A spike population without spikes, or an edge population without edges, is therefore <em>not</em>
 * written below {@code /spikes} or {@code /edges}; its name is listed instead in the root attribute
 * {@value #EMPTY_SPIKE_POPULATIONS_ATTR} or {@value #EMPTY_EDGE_POPULATIONS_ATTR} (fixed-length
 * string array). This keeps the file valid for h5dump and h5py, keeps libsonata and bmtk readers
 * working (bmtk's own writer also skips populations without spikes; a group lacking {@code
 * timestamps} would make both fail), and lets {@link SonataReader} report the population with zero
 * spikes. Placeholder data (a fake spike, a scalar) was rejected because generic readers would
 * misread it.
 *
 * <p><b>Spike sorting.</b> The {@code sorting} attribute of {@code /spikes/<population>} is the
 * HDF5 enumeration the specification defines ({@code none=0, by_id=1, by_time=2} over int8, see
 * {@link Sorting}), which libsonata's {@code SpikeReader} requires. jHDF 0.13.0 cannot write
 * enumerations, so {@link EnumAttribute} supplies the enumeration's datatype message to jHDF's
 * attribute writer; the file is re-read after writing and the member name checked. The writer
 * also verifies that the data really is in the claimed order.
 *
 * <p>Not thread-safe. Intended use: {@code try (var w = SonataWriter.create(path, overwrite)) { ...;
 * w.commit(); }}.
 */
public final class SonataWriter implements AutoCloseable {

    /** SONATA magic number, root attribute {@code magic} (uint32). */
    public static final int SONATA_MAGIC = 0x0A7A;

    /** SONATA format version, root attribute {@code version} (2 x uint32 [major, minor]). */
    static final int[] SONATA_VERSION = {0, 1};

    /** Root attribute listing spike populations that had no spikes (and so have no group). */
    public static final String EMPTY_SPIKE_POPULATIONS_ATTR = "cortexsim_empty_spike_populations";

    /** Root attribute listing edge populations that had no edges (and so have no group). */
    public static final String EMPTY_EDGE_POPULATIONS_ATTR = "cortexsim_empty_edge_populations";

    /** Target chunk size for report data: 1 MiB, within HDF5's recommended range for viewers. */
    static final int REPORT_CHUNK_BYTES = 1 << 20;

    private static final String JHDF_ATTR = "_jHDF";

    private final Path target;
    private final boolean overwrite;
    private final GroupNode root = new GroupNode();
    private final List<String> emptySpikePopulations = new ArrayList<>();
    private final List<String> emptyEdgePopulations = new ArrayList<>();
    private boolean committed;
    private boolean closed;
    private boolean durable;

    private SonataWriter(Path target, boolean overwrite) {
        this.target = target;
        this.overwrite = overwrite;
        root.attrs.put("magic", new Attr(SONATA_MAGIC, true));
        root.attrs.put("version", new Attr(SONATA_VERSION.clone(), true));
    }

    /**
     * Starts a file to be published at {@code target}. Checks, before anything is computed, that
     * the target does not exist (unless {@code overwrite}), is not a directory, and that its
     * directory exists and is writable.
     *
     * @throws TargetExistsException if the target exists and {@code overwrite} is false
     * @throws IOException if the target is a directory or its directory is missing or not writable
     */
    public static SonataWriter create(Path target, boolean overwrite) throws IOException {
        Objects.requireNonNull(target, "target");
        Path absolute = target.toAbsolutePath().normalize();
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(absolute.toString(), null, "output path is a directory, not a file");
        }
        if (Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !overwrite) {
            throw new TargetExistsException(absolute);
        }
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(String.valueOf(dir), null,
                    "output directory does not exist (create it first)");
        }
        if (!Files.isWritable(dir)) {
            throw new AccessDeniedException(dir.toString(), null, "output directory is not writable");
        }
        return new SonataWriter(absolute, overwrite);
    }

    /**
     * Makes {@link #commit()} durable: the temporary file is flushed to the device (fsync) before it
     * is renamed onto the target, and the directory after, so that a crash of the machine (not only
     * of the process) leaves the file either whole or as it was. For the files a resumable run
     * depends on: checkpoints, segments and the main file indexing them.
     */
    public SonataWriter durable() {
        checkOpen();
        durable = true;
        return this;
    }

    /** The absolute path the file will be published at. */
    public Path target() {
        return target;
    }

    // ---------------------------------------------------------------- root attributes

    /** Adds a provenance string attribute on the root group (for example the configuration text). */
    public SonataWriter rootAttribute(String name, String value) {
        return putRootAttribute(name, Objects.requireNonNull(value, "value"));
    }

    /** Adds a float64 attribute on the root group (for example {@code dt_ms}). */
    public SonataWriter rootAttribute(String name, double value) {
        return putRootAttribute(name, value);
    }

    /** Adds an int64 attribute on the root group (for example {@code seed}). */
    public SonataWriter rootAttribute(String name, long value) {
        return putRootAttribute(name, value);
    }

    /** Adds a float64 array attribute on the root group. */
    public SonataWriter rootAttribute(String name, double[] value) {
        return putRootAttribute(name, value);
    }

    /** Adds an int64 array attribute on the root group. */
    public SonataWriter rootAttribute(String name, long[] value) {
        return putRootAttribute(name, value);
    }

    /** Adds a string array attribute on the root group. */
    public SonataWriter rootAttribute(String name, String[] value) {
        return putRootAttribute(name, value);
    }

    private SonataWriter putRootAttribute(String name, Object value) {
        checkOpen();
        H5Checks.name(name, "root attribute name");
        if (name.equals("magic") || name.equals("version") || name.equals(JHDF_ATTR)
                || name.equals(EMPTY_SPIKE_POPULATIONS_ATTR) || name.equals(EMPTY_EDGE_POPULATIONS_ATTR)) {
            throw new IllegalArgumentException("root attribute '" + name + "' is reserved");
        }
        putAttr(root.attrs, name, value, "root attribute '" + name + "'");
        return this;
    }

    // ---------------------------------------------------------------- spikes

    /**
     * Adds the spikes of one population: {@code /spikes/<population>/timestamps} (float64, {@code
     * units="ms"}) and {@code /spikes/<population>/node_ids} (uint64), with the {@code sorting}
     * attribute on the population group. Only the first {@code count} entries of the arrays are
     * used (they may be larger buffers). With {@code count == 0} the population is recorded as
     * empty (see the class documentation).
     *
     * @throws IllegalArgumentException on an invalid name, a duplicate population, a negative node
     *     id, a non-finite time, arrays shorter than {@code count}, or data not in the claimed order
     */
    public SonataWriter spikes(String population, double[] timestampsMs, long[] nodeIds, int count,
                               Sorting sorting) {
        checkOpen();
        H5Checks.name(population, "spike population");
        Objects.requireNonNull(timestampsMs, "timestampsMs");
        Objects.requireNonNull(nodeIds, "nodeIds");
        Objects.requireNonNull(sorting, "sorting");
        String what = "spikes of '" + population + "'";
        H5Checks.atLeast(timestampsMs.length, count, what + ": timestampsMs");
        H5Checks.atLeast(nodeIds.length, count, what + ": nodeIds");
        if (emptySpikePopulations.contains(population) || root.hasChild("spikes", population)) {
            throw new IllegalArgumentException(what + ": population already added");
        }
        H5Checks.finite(timestampsMs, count, what + ": timestampsMs");
        H5Checks.nonNegative(nodeIds, count, what + ": nodeIds");
        checkSorted(timestampsMs, nodeIds, count, sorting, what);
        if (count == 0) {
            emptySpikePopulations.add(population);
            return this;
        }
        H5Checks.length(count, Double.BYTES, what);
        String base = "/spikes/" + population;
        addDataset(base + "/timestamps", Arrays.copyOf(timestampsMs, count), false, null)
                .attrs.put("units", new Attr("ms", false));
        addDataset(base + "/node_ids", Arrays.copyOf(nodeIds, count), true, null);
        root.group(new String[] {"spikes", population}).attrs.put("sorting", new Attr(sorting, false));
        return this;
    }

    private static void checkSorted(double[] t, long[] ids, int count, Sorting sorting, String what) {
        for (int i = 1; i < count; i++) {
            if (sorting == Sorting.BY_TIME && t[i] < t[i - 1]) {
                throw new IllegalArgumentException(what + " claimed sorted by_time but timestamp[" + i + "] = "
                        + t[i] + " ms < timestamp[" + (i - 1) + "] = " + t[i - 1] + " ms");
            }
            if (sorting == Sorting.BY_ID && ids[i] < ids[i - 1]) {
                throw new IllegalArgumentException(what + " claimed sorted by_id but node_ids[" + i + "] = "
                        + ids[i] + " < node_ids[" + (i - 1) + "] = " + ids[i - 1]);
            }
        }
    }

    // ---------------------------------------------------------------- reports

    /**
     * Adds a SONATA report of one value per node in the SONATA datatype, float32: as {@link
     * #report(ReportMetadata, double[], ReportDtype)} with {@link ReportDtype#FLOAT32}.
     */
    public SonataWriter report(ReportMetadata report, double[] data) {
        return report(report, data, ReportDtype.FLOAT32);
    }

    /**
     * Adds a SONATA report {@code /report/<population>} of one value per node (for example
     * membrane potential in mV) as {@code report} describes it: its population, units, time axis
     * ({@code rows} steps of {@code dtMs} from {@code startMs}, {@code stopMs} exclusive) and
     * columns, column {@code c} being node {@code nodeIds[c]}:
     *
     * <ul>
     *   <li>{@code data} {@code [rows x cols]} (row = time step, column = element) in {@code dtype},
     *       float32 being the SONATA type, with attribute {@code units}, chunked in blocks of about
     *       {@value #REPORT_CHUNK_BYTES} bytes;
     *   <li>{@code mapping/node_ids} (uint64) with the SONATA attribute {@code sorted} (int8 bool);
     *   <li>{@code mapping/index_pointers} (uint64, one per node plus one), the name libsonata reads,
     *       and an identical {@code mapping/index_pointer}, the name bmtk 1.0 reads;
     *   <li>{@code mapping/element_ids} (uint32) and {@code mapping/element_pos} (float32), which
     *       bmtk's {@code CompartmentReport} needs;
     *   <li>{@code mapping/time} (float64 {@code [startMs, stopMs, dtMs]}, {@code units="ms"}, stop
     *       exclusive).
     * </ul>
     *
     * <p>{@code stopMs} is stored as given, except that it is raised by at most a few ulps when
     * {@code (stop - start) / dt} would otherwise truncate to fewer than {@code rows} (bmtk counts
     * the rows that way); the exclusive stop then still lies within the same step.
     *
     * @param data row-major values, {@code data[r * cols + c]} is column {@code c} at time {@code
     *     startMs + r * dtMs}; exactly {@code rows * cols} long
     * @throws IllegalArgumentException on mismatched shapes (including {@code nodeIds.length !=
     *     cols}), {@code rows != round((stopMs - startMs) / dtMs)}, a non-positive dt, blank units,
     *     or rows too long for jHDF
     */
    public SonataWriter report(ReportMetadata report, double[] data, ReportDtype dtype) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(report.nodeIds(), "nodeIds");
        if (report.nodeIds().length != report.cols()) {
            throw new IllegalArgumentException("report '" + report.population() + "': " + report.nodeIds().length
                    + " node ids for " + report.cols() + " columns");
        }
        if (report.cols() <= 0) {
            throw new IllegalArgumentException("report '" + report.population() + "': needs at least one row and one"
                    + " column, got " + report.rows() + " x " + report.cols());
        }
        return report(report, ReportMapping.onePerNode(report.nodeIds()), data, dtype);
    }

    /**
     * The report of {@code report} with columns mapped to nodes by {@code mapping} (whose columns
     * must be {@code report.cols()}), checked and written as {@link #report(ReportMetadata,
     * double[], ReportDtype)} describes.
     */
    private SonataWriter report(ReportMetadata report, ReportMapping mapping, double[] data, ReportDtype dtype) {
        checkOpen();
        String population = report.population();
        String units = report.units();
        double startMs = report.startMs();
        double stopMs = report.stopMs();
        double dtMs = report.dtMs();
        int rows = report.rows();
        int cols = report.cols();
        H5Checks.name(population, "report population");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dtype, "dtype");
        String what = "report '" + population + "'";
        if (units == null || units.isBlank()) {
            throw new IllegalArgumentException(what + ": units must be given (for example \"mV\")");
        }
        if (root.hasChild("report", population)) {
            throw new IllegalArgumentException(what + ": population already added");
        }
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(what + ": needs at least one row and one column, got "
                    + rows + " x " + cols);
        }
        if (mapping.columns() != cols) {
            throw new IllegalArgumentException(what + ": the mapping has " + mapping.columns() + " columns, the data "
                    + cols);
        }
        if ((long) rows * cols != data.length) {
            throw new IllegalArgumentException(what + ": data has " + data.length + " values, expected rows * cols = "
                    + rows + " * " + cols + " = " + (long) rows * cols);
        }
        if (!Double.isFinite(startMs) || !Double.isFinite(stopMs) || !Double.isFinite(dtMs) || dtMs <= 0) {
            throw new IllegalArgumentException(what + ": start, stop must be finite and dt positive, got start="
                    + startMs + " ms, stop=" + stopMs + " ms, dt=" + dtMs + " ms");
        }
        double steps = (stopMs - startMs) / dtMs;
        if (Math.round(steps) != rows || Math.abs(steps - rows) > 1e-6) {
            throw new IllegalArgumentException(what + ": " + rows + " rows do not cover [" + startMs + ", "
                    + stopMs + ") ms in steps of " + dtMs + " ms (" + steps + " steps)");
        }
        H5Checks.rowBytes(cols, dtype.bytes(), what);
        Object matrix;
        if (dtype == ReportDtype.FLOAT32) {
            float[][] m = new float[rows][cols];
            for (int r = 0; r < rows; r++) {
                float[] row = m[r];
                int base = r * cols;
                for (int c = 0; c < cols; c++) {
                    row[c] = (float) data[base + c];
                }
            }
            matrix = m;
        } else {
            double[][] m = new double[rows][];
            for (int r = 0; r < rows; r++) {
                m[r] = Arrays.copyOfRange(data, r * cols, r * cols + cols);
            }
            matrix = m;
        }
        int chunkCols = Math.min(cols, 1024);
        int chunkRows = Math.max(1, Math.min(rows, REPORT_CHUNK_BYTES / (chunkCols * dtype.bytes())));
        String base = "/report/" + population;
        addDataset(base + "/data", matrix, false, new int[] {chunkRows, chunkCols})
                .attrs.put("units", new Attr(units, false));
        addDataset(base + "/mapping/node_ids", mapping.nodeIds(), true, null)
                .attrs.put("sorted", new Attr((byte) (mapping.nodeIdsSorted() ? 1 : 0), false));
        addDataset(base + "/mapping/index_pointers", mapping.indexPointers(), true, null);
        addDataset(base + "/mapping/index_pointer", mapping.indexPointers(), true, null);
        long[] elementIds = mapping.elementIds();
        int[] elementIds32 = new int[elementIds.length];
        for (int j = 0; j < elementIds.length; j++) {
            elementIds32[j] = (int) elementIds[j];
        }
        addDataset(base + "/mapping/element_ids", elementIds32, true, null);
        double[] pos = mapping.elementPos();
        float[] pos32 = new float[pos.length];
        for (int j = 0; j < pos.length; j++) {
            pos32[j] = (float) pos[j];
        }
        addDataset(base + "/mapping/element_pos", pos32, false, null);
        addDataset(base + "/mapping/time", new double[] {startMs, rowCountingStop(startMs, stopMs, dtMs, rows), dtMs},
                false, null).attrs.put("units", new Attr("ms", false));
        return this;
    }

    /**
     * {@code stopMs}, raised by the fewest ulps (at most 64) for which {@code (long) ((stop - start)
     * / dt)} is {@code rows}, so that readers that truncate (bmtk) count every row; {@code stopMs}
     * itself when it already does, or when no nearby value does.
     */
    static double rowCountingStop(double startMs, double stopMs, double dtMs, int rows) {
        double stop = stopMs;
        for (int i = 0; i < 64 && (long) ((stop - startMs) / dtMs) < rows; i++) {
            stop = Math.nextUp(stop);
        }
        return (long) ((stop - startMs) / dtMs) == rows ? stop : stopMs;
    }

    // ---------------------------------------------------------------- nodes

    /**
     * Adds a SONATA node population {@code /nodes/<population>} of {@code size} nodes, all of node
     * type {@code nodeTypeId}, in one node group (the dtypes are those bmtk's builder writes):
     * {@code node_id} (uint64 {@code 0..size-1}), {@code node_type_id} (uint64), {@code
     * node_group_id} (uint32 zeros), {@code node_group_index} (uint64 {@code 0..size-1}) and, in
     * group {@code 0}, one float64 dataset per entry of {@code attributes} (one value per node,
     * in node order) with a {@code units} attribute where {@code units} names one. With no
     * attributes group {@code 0} is not written (jHDF cannot write a group without datasets).
     *
     * @throws IllegalArgumentException on an invalid or duplicate name, {@code size < 1}, an
     *     attribute of the wrong length or with a non-finite value
     */
    public SonataWriter nodes(String population, int size, long nodeTypeId, Map<String, double[]> attributes,
                              Map<String, String> units) {
        checkOpen();
        H5Checks.name(population, "node population");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(units, "units");
        String what = "nodes '" + population + "'";
        if (root.hasChild("nodes", population)) {
            throw new IllegalArgumentException(what + ": population already added");
        }
        if (size < 1) {
            throw new IllegalArgumentException(what + ": needs at least one node, got " + size);
        }
        if (nodeTypeId < 0) {
            throw new IllegalArgumentException(what + ": negative node type id " + nodeTypeId);
        }
        for (Map.Entry<String, double[]> a : attributes.entrySet()) {
            H5Checks.name(a.getKey(), what + " attribute");
            if (a.getValue().length != size) {
                throw new IllegalArgumentException(what + ": attribute '" + a.getKey() + "' has " + a.getValue().length
                        + " values for " + size + " nodes");
            }
            H5Checks.finite(a.getValue(), size, what + ": " + a.getKey());
        }
        H5Checks.length(size, Long.BYTES, what);
        String base = "/nodes/" + population;
        long[] ids = new long[size];
        for (int i = 0; i < size; i++) {
            ids[i] = i;
        }
        long[] types = new long[size];
        Arrays.fill(types, nodeTypeId);
        addDataset(base + "/node_id", ids, true, null);
        addDataset(base + "/node_type_id", types, true, null);
        addDataset(base + "/node_group_id", new int[size], true, null);
        addDataset(base + "/node_group_index", ids.clone(), true, null);
        for (Map.Entry<String, double[]> a : attributes.entrySet()) {
            DatasetNode d = addDataset(base + "/0/" + a.getKey(), a.getValue().clone(), false, null);
            String unit = units.get(a.getKey());
            if (unit != null && !unit.isEmpty()) {
                d.attrs.put("units", new Attr(unit, false));
            }
        }
        return this;
    }

    // ---------------------------------------------------------------- edges

    /**
     * Adds a SONATA edge population without the optional indices, all edges of edge type 0: as
     * {@link #edges(EdgeData, long, long, long)} without the {@code indices} group.
     */
    public SonataWriter edges(EdgeData edges) {
        return edges(edges, -1, -1, 0);
    }

    /**
     * Adds a SONATA edge population {@code /edges/<name>} (the dtypes are those bmtk's builder
     * writes): {@code source_node_id} and {@code target_node_id} (uint64, attribute {@code
     * node_population}), {@code edge_type_id} (uint32, {@code edgeTypeId} for every edge), {@code
     * edge_group_id} (uint16 zeros), {@code edge_group_index} (uint32 {@code 0..n-1}) and group
     * {@code 0} with {@code syn_weight} (float64, in the engine's weight unit; add a {@code units}
     * attribute with {@link #attribute}) and {@code delay} (float64, {@code units="ms"}).
     *
     * <p>When both node counts are given (non-negative), it also writes SONATA's optional indices,
     * which libsonata's {@code afferent_edges}/{@code efferent_edges} need: {@code
     * indices/source_to_target} and {@code indices/target_to_source}, each with {@code
     * node_id_to_ranges} (uint64 {@code [nodes x 2]}, one row per node of the population, {@code [0,
     * 0]} for a node without edges; the spec's name, which libsonata reads, and an identical {@code
     * node_id_to_range}, the name bmtk writes and reads) and {@code range_to_edge_id} (uint64
     * {@code [ranges x 2]}: the runs of consecutive edges sharing that node, grouped by node in id
     * order). An empty
     * projection is recorded as described in the class documentation.
     *
     * @param sourceNodeCount size of the source node population, or -1 for no indices
     * @param targetNodeCount size of the target node population, or -1 for no indices
     * @param e the edges (its arrays have one length: {@link EdgeData} refuses others)
     * @throws IllegalArgumentException on an invalid or duplicate name, negative ids or ids
     *     outside the given populations, non-finite weights, negative/non-finite delays or an
     *     edge type id outside uint32
     */
    public SonataWriter edges(EdgeData e, long sourceNodeCount, long targetNodeCount, long edgeTypeId) {
        checkOpen();
        Objects.requireNonNull(e, "edges");
        String name = e.name();
        String sourcePopulation = e.sourcePopulation();
        String targetPopulation = e.targetPopulation();
        long[] sourceNodeIds = e.sourceNodeIds();
        long[] targetNodeIds = e.targetNodeIds();
        double[] synWeight = e.synWeight();
        double[] delayMs = e.delayMs();
        H5Checks.name(name, "edge population");
        H5Checks.name(sourcePopulation, "source node population");
        H5Checks.name(targetPopulation, "target node population");
        String what = "edges '" + name + "'";
        if (emptyEdgePopulations.contains(name) || root.hasChild("edges", name)) {
            throw new IllegalArgumentException(what + ": population already added");
        }
        if (edgeTypeId < 0 || edgeTypeId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + ": edge type id " + edgeTypeId + " does not fit uint32");
        }
        int n = e.count();
        H5Checks.nonNegative(sourceNodeIds, n, what + ": sourceNodeIds");
        H5Checks.nonNegative(targetNodeIds, n, what + ": targetNodeIds");
        H5Checks.finite(synWeight, n, what + ": synWeight");
        H5Checks.finite(delayMs, n, what + ": delayMs");
        for (int i = 0; i < n; i++) {
            if (delayMs[i] < 0) {
                throw new IllegalArgumentException(what + ": delayMs[" + i + "] = " + delayMs[i] + " is negative");
            }
        }
        boolean indexed = sourceNodeCount >= 0 && targetNodeCount >= 0;
        if (indexed) {
            below(sourceNodeIds, sourceNodeCount, what + ": source node id");
            below(targetNodeIds, targetNodeCount, what + ": target node id");
        }
        if (n == 0) {
            emptyEdgePopulations.add(name);
            return this;
        }
        H5Checks.length(n, Long.BYTES, what);
        String base = "/edges/" + name;
        addDataset(base + "/source_node_id", sourceNodeIds.clone(), true, null)
                .attrs.put("node_population", new Attr(sourcePopulation, false));
        addDataset(base + "/target_node_id", targetNodeIds.clone(), true, null)
                .attrs.put("node_population", new Attr(targetPopulation, false));
        int[] types = new int[n];
        Arrays.fill(types, (int) edgeTypeId);
        addDataset(base + "/edge_type_id", types, true, null);
        addDataset(base + "/edge_group_id", new short[n], true, null);
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        addDataset(base + "/edge_group_index", index, true, null);
        addDataset(base + "/0/syn_weight", synWeight.clone(), false, null);
        addDataset(base + "/0/delay", delayMs.clone(), false, null).attrs.put("units", new Attr("ms", false));
        if (indexed) {
            edgeIndex(base + "/indices/source_to_target", sourceNodeIds, (int) sourceNodeCount);
            edgeIndex(base + "/indices/target_to_source", targetNodeIds, (int) targetNodeCount);
        }
        return this;
    }

    private static void below(long[] ids, long count, String what) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] >= count) {
                throw new IllegalArgumentException(what + " " + ids[i] + " (edge " + i + ") is outside the "
                        + count + " nodes of its population");
            }
        }
    }

    /**
     * SONATA's edge index on {@code ids} (the source or target column): ranges of consecutive edges
     * with the same id, grouped by id in increasing order, and for every node the slice of ranges
     * that are its own.
     */
    private void edgeIndex(String base, long[] ids, int nodes) {
        if (nodes > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException(base + ": too many nodes for an index: " + nodes);
        }
        int n = ids.length;
        int[] rangesPerNode = new int[nodes + 1];
        for (int i = 0; i < n; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                rangesPerNode[(int) ids[i] + 1]++;
            }
        }
        for (int k = 0; k < nodes; k++) {
            rangesPerNode[k + 1] += rangesPerNode[k];
        }
        int ranges = rangesPerNode[nodes];
        long[][] rangeToEdge = new long[ranges][];
        int[] next = Arrays.copyOf(rangesPerNode, nodes);
        for (int i = 0; i < n; ) {
            int j = i + 1;
            while (j < n && ids[j] == ids[i]) {
                j++;
            }
            rangeToEdge[next[(int) ids[i]]++] = new long[] {i, j};
            i = j;
        }
        long[][] nodeToRange = new long[nodes][];
        for (int k = 0; k < nodes; k++) {
            boolean none = rangesPerNode[k] == rangesPerNode[k + 1];
            nodeToRange[k] = none ? new long[] {0, 0} : new long[] {rangesPerNode[k], rangesPerNode[k + 1]};
        }
        H5Checks.rowBytes(2, Long.BYTES, base);
        addDataset(base + "/node_id_to_ranges", nodeToRange, true, null);
        addDataset(base + "/node_id_to_range", nodeToRange, true, null);
        addDataset(base + "/range_to_edge_id", rangeToEdge, true, null);
    }

    // ---------------------------------------------------------------- generic provenance helpers

    /**
     * Adds a dataset at an absolute path (missing parent groups are created), for provenance tables
     * such as {@code /provenance/populations/<pop>/parameter_values}. Supported arrays: {@code
     * double[]}, {@code long[]}, {@code int[]}, {@code String[]} (1-D) and rectangular {@code
     * double[][]}, {@code long[][]}. Integers are written signed. The array is copied.
     *
     * @param attributes attributes of the dataset (values as for {@link #attribute}); may be empty
     * @throws IllegalArgumentException on an empty, ragged or unsupported array, an invalid path, or
     *     a path already in use
     */
    public SonataWriter dataset(String path, Object array, Map<String, ?> attributes) {
        checkOpen();
        Objects.requireNonNull(array, "array");
        Objects.requireNonNull(attributes, "attributes");
        DatasetNode node = addDataset(path, copyGenericArray(array, path), false, null);
        for (Map.Entry<String, ?> a : attributes.entrySet()) {
            H5Checks.name(a.getKey(), "attribute name on " + path);
            putAttr(node.attrs, a.getKey(), a.getValue(), "attribute '" + a.getKey() + "' of " + path);
        }
        return this;
    }

    /**
     * Adds an attribute to a group or dataset already added (for example {@code units="pA"} on
     * {@code /edges/<name>/0/syn_weight}). Values: {@code String}, {@code Double}/{@code Float},
     * {@code Long}/{@code Integer}/{@code Short}/{@code Byte} (int64), non-empty {@code double[]},
     * {@code long[]}, {@code int[]} or {@code String[]}.
     *
     * @throws IllegalArgumentException if no such object was added, or the name or value is invalid
     */
    public SonataWriter attribute(String objectPath, String name, Object value) {
        checkOpen();
        String[] parts = H5Checks.path(objectPath);
        H5Checks.name(name, "attribute name on " + objectPath);
        Object node = root.find(parts);
        Map<String, Attr> attrs;
        if (node instanceof GroupNode g) {
            attrs = g.attrs;
        } else if (node instanceof DatasetNode d) {
            attrs = d.attrs;
        } else {
            throw new IllegalArgumentException("no group or dataset '" + objectPath + "' has been added");
        }
        putAttr(attrs, name, value, "attribute '" + name + "' of " + objectPath);
        return this;
    }

    // ---------------------------------------------------------------- commit / close

    /**
     * Writes the file to a temporary file in the target directory, verifies it, and renames it onto
     * the target. May be called once.
     *
     * @return the absolute path of the published file
     * @throws TargetExistsException if the target appeared meanwhile and overwrite is false
     * @throws IOException if writing, verifying or renaming fails (nothing is left behind)
     */
    public Path commit() throws IOException {
        checkOpen();
        committed = true;
        if (!overwrite && Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new TargetExistsException(target);
        }
        if (!emptySpikePopulations.isEmpty()) {
            root.attrs.put(EMPTY_SPIKE_POPULATIONS_ATTR,
                    new Attr(emptySpikePopulations.toArray(String[]::new), false));
        }
        if (!emptyEdgePopulations.isEmpty()) {
            root.attrs.put(EMPTY_EDGE_POPULATIONS_ATTR,
                    new Attr(emptyEdgePopulations.toArray(String[]::new), false));
        }
        Path tmp = newTempFile();
        try {
            WritableHdfFile file = HdfFile.write(tmp);
            try {
                writeAttrs(file, root.attrs);
                writeChildren(file, root);
                file.close();
            } catch (RuntimeException e) {
                releaseFile(file, e);
                throw e;
            }
            verify(tmp);
            if (durable) {
                force(tmp, false);
            }
            publish(tmp);
            if (durable) {
                force(target.getParent(), true);
            }
            return target;
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof RuntimeException && !(e instanceof IllegalArgumentException)) {
                throw new IOException("writing " + target + " failed: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * Closes the file channel of a jHDF file whose writing failed. jHDF 0.13.0 writes everything
     * when the file is closed and leaves its channel open when that fails (a full disk, say): the
     * temporary file, once deleted, would keep its space until the channel is garbage-collected,
     * so a full disk would stay full. The channel is closed through jHDF's private field; if that
     * is not possible the failure is only noted on {@code failure}.
     */
    private static void releaseFile(WritableHdfFile file, RuntimeException failure) {
        try {
            java.lang.reflect.Field f = WritableHdfFile.class.getDeclaredField("fileChannel");
            f.setAccessible(true);
            ((java.nio.channels.FileChannel) f.get(file)).close();
        } catch (ReflectiveOperationException | RuntimeException | IOException e) {
            failure.addSuppressed(e);
        }
    }

    /**
     * Flushes a file, or a directory's entries, to the device. A file system that cannot (some
     * refuse to open a directory) is left to its own guarantees; a failure to flush a file is an
     * I/O error.
     */
    private static void force(Path path, boolean directory) throws IOException {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(path,
                directory ? java.nio.file.StandardOpenOption.READ : java.nio.file.StandardOpenOption.WRITE)) {
            c.force(true);
        } catch (IOException e) {
            if (!directory) {
                throw e;
            }
        }
    }

    /** Discards the in-memory file. Without a prior successful {@link #commit()} nothing is on disk. */
    @Override
    public void close() {
        closed = true;
        root.children.clear();
    }

    private void checkOpen() {
        if (committed || closed) {
            throw new IllegalStateException("writer for " + target + " is already "
                    + (committed ? "committed" : "closed"));
        }
    }

    private Path newTempFile() throws IOException {
        Path dir = target.getParent();
        for (int attempt = 0; ; attempt++) {
            byte[] random = new byte[8];
            ThreadLocalRandom.current().nextBytes(random);
            Path tmp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().formatHex(random) + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw e;
                }
            }
        }
    }

    private void publish(Path tmp) throws IOException {
        if (overwrite) {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return;
        }
        try {
            Files.createLink(target, tmp);
            Files.delete(tmp);
        } catch (FileAlreadyExistsException e) {
            throw new TargetExistsException(target);
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new TargetExistsException(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(tmp, target);
            }
        }
    }

    /** Re-opens the written file and checks every dataset's shape and every attribute's presence. */
    private void verify(Path tmp) throws IOException {
        try (HdfFile file = new HdfFile(tmp)) {
            verifyAttrs(file, root.attrs, "/");
            verifyChildren(file, root, "");
        } catch (RuntimeException e) {
            throw new IOException("verification of the HDF5 file written for " + target + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static void verifyChildren(HdfFile file, GroupNode group, String prefix) throws IOException {
        for (Map.Entry<String, Object> child : group.children.entrySet()) {
            String path = prefix + "/" + child.getKey();
            Node node = file.getByPath(path);
            if (child.getValue() instanceof GroupNode g) {
                if (!node.isGroup()) {
                    throw new IOException(path + " was written as a dataset, expected a group");
                }
                verifyAttrs(node, g.attrs, path);
                verifyChildren(file, g, path);
            } else {
                DatasetNode d = (DatasetNode) child.getValue();
                if (!(node instanceof Dataset ds) || !Arrays.equals(ds.getDimensions(), d.dims)) {
                    throw new IOException(path + " was written with a wrong shape");
                }
                verifyAttrs(node, d.attrs, path);
            }
        }
    }

    private static void verifyAttrs(Node node, Map<String, Attr> expected, String path) throws IOException {
        Map<String, Attribute> actual = node.getAttributes();
        for (Map.Entry<String, Attr> e : expected.entrySet()) {
            String name = e.getKey();
            Attribute written = actual.get(name);
            if (written == null) {
                throw new IOException("attribute " + name + " of " + path + " is missing after writing");
            }
            if (e.getValue().value instanceof Sorting sorting) {
                Object back = written.getData();
                Object member = back instanceof Object[] a && a.length == 1 ? a[0] : back;
                if (!sorting.attributeValue().equals(member)) {
                    throw new IOException("enumeration attribute " + name + " of " + path + " reads back as " + member
                            + ", expected " + sorting.attributeValue());
                }
            }
        }
    }

    private static void writeChildren(WritableGroup group, GroupNode model) {
        for (Map.Entry<String, Object> child : model.children.entrySet()) {
            if (child.getValue() instanceof GroupNode g) {
                WritableGroup wg = group.putGroup(child.getKey());
                writeAttrs(wg, g.attrs);
                writeChildren(wg, g);
            } else {
                DatasetNode d = (DatasetNode) child.getValue();
                DatasetCreationOptions.Builder options = DatasetCreationOptions.builder();
                if (d.unsigned) {
                    options.unsigned();
                }
                if (d.chunks != null) {
                    options.chunkDimensions(d.chunks);
                }
                WritableDataset wd = group.putDataset(child.getKey(), d.data, options.build());
                writeAttrs(wd, d.attrs);
            }
        }
    }

    private static void writeAttrs(WritableNode node, Map<String, Attr> attrs) {
        for (Map.Entry<String, Attr> a : attrs.entrySet()) {
            if (a.getValue().value instanceof Sorting sorting) {
                // jHDF writes the attributes held in this map when the node is written
                node.getAttributes().put(a.getKey(), sortingAttribute(a.getKey(), node, sorting));
            } else {
                node.putAttribute(a.getKey(), a.getValue().value, a.getValue().unsigned);
            }
        }
    }

    /** SONATA's {@code sorting}: an HDF5 enumeration {@code none=0, by_id=1, by_time=2} over int8. */
    private static EnumAttribute sortingAttribute(String name, Node node, Sorting sorting) {
        List<String> names = new ArrayList<>();
        byte[] codes = new byte[Sorting.values().length];
        for (Sorting s : Sorting.values()) {
            names.add(s.attributeValue());
            codes[s.ordinal()] = (byte) s.sonataCode();
        }
        return new EnumAttribute(name, node, names, codes, (byte) sorting.sonataCode());
    }

    // ---------------------------------------------------------------- model

    private DatasetNode addDataset(String path, Object data, boolean unsigned, int[] chunks) {
        String[] parts = H5Checks.path(path);
        GroupNode parent = root.group(Arrays.copyOf(parts, parts.length - 1));
        String leaf = parts[parts.length - 1];
        if (parent.children.containsKey(leaf)) {
            throw new IllegalArgumentException("HDF5 path " + path + " is already in use");
        }
        DatasetNode node = new DatasetNode(data, unsigned, chunks, dimensions(data));
        parent.children.put(leaf, node);
        return node;
    }

    private static int[] dimensions(Object data) {
        if (data instanceof Object[] rows && rows.length > 0 && rows[0] != null && rows[0].getClass().isArray()
                && !(rows[0] instanceof String)) {
            return new int[] {rows.length, java.lang.reflect.Array.getLength(rows[0])};
        }
        return new int[] {java.lang.reflect.Array.getLength(data)};
    }

    private static Object copyGenericArray(Object array, String what) {
        if (array instanceof double[] a) {
            H5Checks.length(a.length, Double.BYTES, what);
            return a.clone();
        }
        if (array instanceof long[] a) {
            H5Checks.length(a.length, Long.BYTES, what);
            return a.clone();
        }
        if (array instanceof int[] a) {
            H5Checks.length(a.length, Integer.BYTES, what);
            return a.clone();
        }
        if (array instanceof String[] a) {
            checkStrings(a, what);
            return a.clone();
        }
        if (array instanceof double[][] a) {
            int cols = rectangularColumns(a, what);
            H5Checks.rowBytes(cols, Double.BYTES, what);
            double[][] copy = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                copy[i] = a[i].clone();
            }
            return copy;
        }
        if (array instanceof long[][] a) {
            int cols = rectangularColumns(a, what);
            H5Checks.rowBytes(cols, Long.BYTES, what);
            long[][] copy = new long[a.length][];
            for (int i = 0; i < a.length; i++) {
                copy[i] = a[i].clone();
            }
            return copy;
        }
        throw new IllegalArgumentException(what + ": unsupported array type " + array.getClass().getSimpleName()
                + " (use double[], long[], int[], String[], double[][] or long[][])");
    }

    private static int rectangularColumns(Object[] rows, String what) {
        if (rows.length == 0) {
            throw new IllegalArgumentException(what + ": zero-length arrays cannot be written by jHDF");
        }
        int cols = -1;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new IllegalArgumentException(what + ": row " + i + " is null");
            }
            int len = java.lang.reflect.Array.getLength(rows[i]);
            if (cols < 0) {
                cols = len;
            } else if (len != cols) {
                throw new IllegalArgumentException(what + ": ragged 2-D array, row 0 has " + cols
                        + " columns but row " + i + " has " + len);
            }
        }
        if (cols == 0) {
            throw new IllegalArgumentException(what + ": rows of zero length cannot be written by jHDF");
        }
        return cols;
    }

    private static void checkStrings(String[] a, String what) {
        if (a.length == 0) {
            throw new IllegalArgumentException(what + ": zero-length arrays cannot be written by jHDF");
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null) {
                throw new IllegalArgumentException(what + ": element " + i + " is null");
            }
        }
    }

    private static void putAttr(Map<String, Attr> attrs, String name, Object value, String what) {
        if (attrs.containsKey(name)) {
            throw new IllegalArgumentException(what + " is already set");
        }
        attrs.put(name, new Attr(attributeValue(value, what), false));
    }

    private static Object attributeValue(Object value, String what) {
        if (value instanceof String || value instanceof Double || value instanceof Long) {
            return value;
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof double[] a) {
            H5Checks.length(a.length, Double.BYTES, what);
            return a.clone();
        }
        if (value instanceof long[] a) {
            H5Checks.length(a.length, Long.BYTES, what);
            return a.clone();
        }
        if (value instanceof int[] a) {
            H5Checks.length(a.length, Long.BYTES, what);
            return Arrays.stream(a).asLongStream().toArray();
        }
        if (value instanceof String[] a) {
            checkStrings(a, what);
            return a.clone();
        }
        throw new IllegalArgumentException(what + ": unsupported attribute value "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** An attribute value in the Java type jHDF maps to the intended HDF5 type. */
    private record Attr(Object value, boolean unsigned) {
    }

    /** A dataset awaiting writing: its data, HDF5 options and expected shape. */
    private static final class DatasetNode {
        final Object data;
        final boolean unsigned;
        final int[] chunks;
        final int[] dims;
        final Map<String, Attr> attrs = new LinkedHashMap<>();

        DatasetNode(Object data, boolean unsigned, int[] chunks, int[] dims) {
            this.data = data;
            this.unsigned = unsigned;
            this.chunks = chunks;
            this.dims = dims;
        }
    }

    /** A group awaiting writing; children are {@link GroupNode} or {@link DatasetNode}, in insertion order. */
    private static final class GroupNode {
        final Map<String, Object> children = new LinkedHashMap<>();
        final Map<String, Attr> attrs = new LinkedHashMap<>();

        /** Returns the group at {@code names} below this one, creating missing groups. */
        GroupNode group(String[] names) {
            GroupNode g = this;
            for (String name : names) {
                Object child = g.children.get(name);
                if (child == null) {
                    GroupNode created = new GroupNode();
                    g.children.put(name, created);
                    g = created;
                } else if (child instanceof GroupNode existing) {
                    g = existing;
                } else {
                    throw new IllegalArgumentException("'" + name + "' is a dataset, not a group");
                }
            }
            return g;
        }

        Object find(String[] names) {
            Object node = this;
            for (String name : names) {
                if (!(node instanceof GroupNode g)) {
                    return null;
                }
                node = g.children.get(name);
            }
            return node;
        }

        boolean hasChild(String group, String name) {
            return find(new String[] {group, name}) != null;
        }
    }
}
