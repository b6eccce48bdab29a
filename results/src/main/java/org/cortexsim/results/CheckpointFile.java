package org.cortexsim.results;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HDF5 file of a checkpoint ({@link OutputLayout#checkpointPath}): named arrays of state and
 * root attributes describing them, written by {@link SonataWriter} (to a temporary file beside
 * the target, verified, flushed to the device, then renamed over it, so a crash of the process or
 * of the machine while writing leaves the previous checkpoint whole) and read back by {@link
 * SonataReader}. It knows nothing of the engine: the
 * run module decides what the arrays and attributes are.
 *
 * <p>Layout: every array with at least one value is the dataset {@code /state/<path>} (float64,
 * int32, int64 or fixed-length UTF-8 strings), split into {@code <path>.part<k>} datasets of at
 * most {@value #PART} values when longer; {@code /index/path}, {@code /index/type} ({@code
 * double}, {@code int}, {@code long} or {@code string}), {@code /index/length} and {@code
 * /index/parts} list every array, empty ones included (jHDF cannot write empty datasets).
 */
public final class CheckpointFile {
    /** The group holding the state arrays. */
    public static final String STATE = "/state";
    /** The group listing them. */
    public static final String INDEX = "/index";
    /** Most values in one dataset (2^27: 1 GiB of doubles, below jHDF's 2 GiB per dataset). */
    static final int PART = 1 << 27;

    private CheckpointFile() {
    }

    /** What a checkpoint file holds: its root attributes, and the arrays by path in index order. */
    public record Contents(Map<String, Object> attributes, Map<String, Object> state) {
        public Contents {
            attributes = Map.copyOf(attributes);
            state = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(state));
        }
    }

    /**
     * Writes {@code state} (path to {@code double[]}, {@code int[]}, {@code long[]} or {@code
     * String[]}) and the root {@code attributes} (values as {@link SonataWriter#rootAttribute}
     * takes them) to {@code target}, replacing it atomically.
     */
    public static Path write(Path target, Map<String, Object> state, Map<String, Object> attributes)
            throws IOException {
        Objects.requireNonNull(state, "state");
        try (SonataWriter w = SonataWriter.create(target, true).durable()) {
            for (Map.Entry<String, Object> a : attributes.entrySet()) {
                Object v = a.getValue();
                if (v instanceof String s) {
                    w.rootAttribute(a.getKey(), s);
                } else if (v instanceof Long l) {
                    w.rootAttribute(a.getKey(), l);
                } else if (v instanceof Double d) {
                    w.rootAttribute(a.getKey(), d);
                } else if (v instanceof String[] s) {
                    w.rootAttribute(a.getKey(), s);
                } else if (v instanceof long[] l) {
                    w.rootAttribute(a.getKey(), l);
                } else {
                    throw new IllegalArgumentException("attribute " + a.getKey() + ": unsupported value " + v);
                }
            }
            int n = state.size();
            String[] paths = new String[n];
            String[] types = new String[n];
            long[] lengths = new long[n];
            long[] parts = new long[n];
            int k = 0;
            for (Map.Entry<String, Object> e : state.entrySet()) {
                Object v = e.getValue();
                int length = Array.getLength(v);
                paths[k] = e.getKey();
                types[k] = type(v);
                lengths[k] = length;
                parts[k] = length == 0 ? 0 : (length + PART - 1) / PART;
                for (int p = 0; p < parts[k]; p++) {
                    int from = p * PART;
                    int to = (int) Math.min(length, (long) from + PART);
                    String name = STATE + "/" + e.getKey() + (parts[k] == 1 ? "" : ".part" + p);
                    w.dataset(name, slice(v, from, to), Map.of());
                }
                k++;
            }
            if (n > 0) {
                w.dataset(INDEX + "/path", paths, Map.of("description", "every state array, empty ones included"));
                w.dataset(INDEX + "/type", types, Map.of("description", "double, int, long or string"));
                w.dataset(INDEX + "/length", lengths, Map.of());
                w.dataset(INDEX + "/parts", parts, Map.of("description",
                        "datasets holding the array: 0 (empty), 1 (/state/<path>) or k (/state/<path>.part<i>)"));
            }
            return w.commit();
        }
    }

    private static String type(Object v) {
        if (v instanceof double[]) {
            return "double";
        } else if (v instanceof int[]) {
            return "int";
        } else if (v instanceof long[]) {
            return "long";
        } else if (v instanceof String[]) {
            return "string";
        }
        throw new IllegalArgumentException("unsupported state type " + v.getClass().getSimpleName());
    }

    /** Values {@code [from, to)} of the array {@code v}: {@code v} itself when that is all of it. */
    private static Object slice(Object v, int from, int to) {
        if (from == 0 && to == Array.getLength(v)) {
            return v;
        }
        Object out = Array.newInstance(v.getClass().getComponentType(), to - from);
        System.arraycopy(v, from, out, 0, to - from);
        return out;
    }

    /**
     * Reads a checkpoint file: its root attributes and every array its index lists.
     *
     * @throws IOException if the file cannot be read as HDF5, or its index or an array is missing
     *     or of the wrong size (the file is damaged or was not written by {@link #write})
     */
    public static Contents read(Path file) throws IOException {
        try (SonataReader r = SonataReader.open(file)) {
            Map<String, Object> attributes = r.rootAttributes();
            Map<String, Object> state = new LinkedHashMap<>();
            if (r.isDataset(INDEX + "/path")) {
                String[] paths = r.strings(INDEX + "/path");
                String[] types = r.strings(INDEX + "/type");
                long[] lengths = r.longs(INDEX + "/length");
                long[] parts = r.longs(INDEX + "/parts");
                if (types.length != paths.length || lengths.length != paths.length || parts.length != paths.length) {
                    throw new IOException(file + ": the columns of " + INDEX + " differ in length");
                }
                for (int k = 0; k < paths.length; k++) {
                    state.put(paths[k], array(r, paths[k], types[k], lengths[k], parts[k]));
                }
            }
            return new Contents(attributes, state);
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static Object array(SonataReader r, String path, String type, long length, long parts)
            throws IOException {
        List<Object> pieces = new ArrayList<>();
        for (int p = 0; p < parts; p++) {
            String name = STATE + "/" + path + (parts == 1 ? "" : ".part" + p);
            pieces.add(switch (type) {
                case "double" -> r.doubles(name);
                case "int", "long" -> r.longs(name);
                case "string" -> r.strings(name);
                default -> throw new IOException(path + " has the unknown type '" + type + "'");
            });
        }
        long total = pieces.stream().mapToLong(Array::getLength).sum();
        if (total != length || length > Integer.MAX_VALUE) {
            throw new IOException(path + " holds " + total + " values, its index says " + length);
        }
        int n = (int) length;
        if (type.equals("int")) {
            int[] out = new int[n];
            int at = 0;
            for (Object piece : pieces) {
                for (long x : (long[]) piece) {
                    if (x != (int) x) {
                        throw new IOException(path + " holds " + x + ", which is not an int");
                    }
                    out[at++] = (int) x;
                }
            }
            return out;
        }
        Class<?> element = switch (type) {
            case "double" -> double.class;
            case "long" -> long.class;
            default -> String.class;
        };
        Object out = Array.newInstance(element, n);
        int at = 0;
        for (Object piece : pieces) {
            int count = Array.getLength(piece);
            System.arraycopy(piece, 0, out, at, count);
            at += count;
        }
        return out;
    }
}
