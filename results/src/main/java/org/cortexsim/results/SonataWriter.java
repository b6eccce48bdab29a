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
 *   <li>Root attributes {@code magic} (uint32 {@code 0x0A7A}) and {@code version} (int32 {@code [0,
 *       1]}) are always present.
 *   <li>Every group has at least one dataset beneath it (groups only come into existence as parents
 *       of datasets), which avoids the jHDF 0.13.0 bug that corrupts files with dataset-less groups.
 *   <li>No dataset is zero-length, ragged, or has a row above 2,147,479,552 bytes;
 *       no name contains {@code '/'}. Violations are rejected with {@link IllegalArgumentException}
 *       when the data is added, never silently written.
 *   <li>Node and edge ids are uint64 ({@code H5T_STD_U64LE}); times, delays and report values are
 *       float64 ({@code H5T_IEEE_F64LE}); every time dataset has {@code units="ms"}.
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
 * <p><b>Spike sorting.</b> See {@link Sorting}: the {@code sorting} attribute is the string {@code
 * none}, {@code by_id} or {@code by_time}, because jHDF cannot write SONATA's HDF5 enumeration.
 * Readers that require the enumeration type (libsonata reads it through a HighFive enum, and HDF5
 * converts neither strings nor integers to enumerations) cannot use this attribute; a uint8 code
 * would fail there in the same way while being less readable elsewhere. The writer verifies that
 * the data really is in the claimed order.
 *
 * <p>Not thread-safe. Intended use: {@code try (var w = SonataWriter.create(path, overwrite)) { ...;
 * w.commit(); }}.
 */
public final class SonataWriter implements AutoCloseable {

    /** SONATA magic number, root attribute {@code magic} (uint32). */
    public static final int SONATA_MAGIC = 0x0A7A;

    /** SONATA format version, root attribute {@code version} (int32 [major, minor]). */
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

    private SonataWriter(Path target, boolean overwrite) {
        this.target = target;
        this.overwrite = overwrite;
        root.attrs.put("magic", new Attr(SONATA_MAGIC, true));
        root.attrs.put("version", new Attr(SONATA_VERSION.clone(), false));
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
        root.group(new String[] {"spikes", population}).attrs.put("sorting",
                new Attr(sorting.attributeValue(), false));
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
     * Adds a SONATA report (for example membrane potential in mV): {@code /report/<population>/data}
     * float64 {@code [rows x cols]} (row = time step, column = node) with attribute {@code units},
     * chunked in blocks of about {@value #REPORT_CHUNK_BYTES} bytes; {@code mapping/node_ids}
     * (uint64), {@code mapping/index_pointers} (uint64, {@code 0..cols}), {@code
     * mapping/element_ids} (uint64 zeros, one element per node) and {@code mapping/time} (float64
     * {@code [startMs, stopMs, dtMs]}, {@code units="ms"}, stop exclusive).
     *
     * @param data row-major values, {@code data[r * cols + c]} is node {@code nodeIds[c]} at time
     *     {@code startMs + r * dtMs}; exactly {@code rows * cols} long
     * @throws IllegalArgumentException on mismatched shapes, duplicate or negative node ids, {@code
     *     rows != round((stopMs - startMs) / dtMs)}, a non-positive dt, or rows too long for jHDF
     */
    public SonataWriter report(String population, String units, long[] nodeIds, double startMs,
                               double stopMs, double dtMs, double[] data, int rows, int cols) {
        checkOpen();
        H5Checks.name(population, "report population");
        Objects.requireNonNull(nodeIds, "nodeIds");
        Objects.requireNonNull(data, "data");
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
        if (nodeIds.length != cols) {
            throw new IllegalArgumentException(what + ": " + nodeIds.length + " node ids for " + cols + " columns");
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
        H5Checks.rowBytes(cols, Double.BYTES, what);
        H5Checks.nonNegative(nodeIds, cols, what + ": nodeIds");
        long[] sorted = nodeIds.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException(what + ": node id " + sorted[i] + " appears twice");
            }
        }
        double[][] matrix = new double[rows][];
        for (int r = 0; r < rows; r++) {
            matrix[r] = Arrays.copyOfRange(data, r * cols, r * cols + cols);
        }
        int chunkCols = Math.min(cols, 1024);
        int chunkRows = Math.max(1, Math.min(rows, REPORT_CHUNK_BYTES / (chunkCols * Double.BYTES)));
        String base = "/report/" + population;
        addDataset(base + "/data", matrix, false, new int[] {chunkRows, chunkCols})
                .attrs.put("units", new Attr(units, false));
        addDataset(base + "/mapping/node_ids", nodeIds.clone(), true, null);
        long[] pointers = new long[cols + 1];
        for (int i = 0; i <= cols; i++) {
            pointers[i] = i;
        }
        addDataset(base + "/mapping/index_pointers", pointers, true, null);
        addDataset(base + "/mapping/element_ids", new long[cols], true, null);
        addDataset(base + "/mapping/time", new double[] {startMs, stopMs, dtMs}, false, null)
                .attrs.put("units", new Attr("ms", false));
        return this;
    }

    // ---------------------------------------------------------------- edges

    /**
     * Adds a SONATA edge population {@code /edges/<name>}: {@code source_node_id} and {@code
     * target_node_id} (uint64, attribute {@code node_population}), {@code edge_type_id} (int64
     * zeros), {@code edge_group_id} (uint64 zeros), {@code edge_group_index} (uint64 {@code 0..n-1})
     * and group {@code 0} with {@code syn_weight} (float64, in the engine's weight unit; add a
     * {@code units} attribute with {@link #attribute}) and {@code delay} (float64, {@code
     * units="ms"}). An empty projection is recorded as described in the class documentation.
     *
     * @throws IllegalArgumentException on an invalid or duplicate name, arrays of different
     *     lengths, negative ids, non-finite weights or negative/non-finite delays
     */
    public SonataWriter edges(String name, String sourcePopulation, String targetPopulation,
                              long[] sourceNodeIds, long[] targetNodeIds, double[] synWeight, double[] delayMs) {
        checkOpen();
        H5Checks.name(name, "edge population");
        H5Checks.name(sourcePopulation, "source node population");
        H5Checks.name(targetPopulation, "target node population");
        EdgeData e = new EdgeData(name, sourcePopulation, targetPopulation, sourceNodeIds, targetNodeIds,
                synWeight, delayMs);
        String what = "edges '" + name + "'";
        if (emptyEdgePopulations.contains(name) || root.hasChild("edges", name)) {
            throw new IllegalArgumentException(what + ": population already added");
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
        addDataset(base + "/edge_type_id", new long[n], false, null);
        addDataset(base + "/edge_group_id", new long[n], true, null);
        long[] index = new long[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        addDataset(base + "/edge_group_index", index, true, null);
        addDataset(base + "/0/syn_weight", synWeight.clone(), false, null);
        addDataset(base + "/0/delay", delayMs.clone(), false, null).attrs.put("units", new Attr("ms", false));
        return this;
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
            try (WritableHdfFile file = HdfFile.write(tmp)) {
                writeAttrs(file, root.attrs);
                writeChildren(file, root);
            }
            verify(tmp);
            publish(tmp);
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
        for (String name : expected.keySet()) {
            if (!actual.containsKey(name)) {
                throw new IOException("attribute " + name + " of " + path + " is missing after writing");
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
            node.putAttribute(a.getKey(), a.getValue().value, a.getValue().unsigned);
        }
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
