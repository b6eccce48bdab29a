package org.cortexsim.core.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A set of named arrays in memory: what {@link Checkpointable}s wrote through {@link #writer()},
 * or what was read from a checkpoint file, to be read back through {@link #reader()}.
 *
 * <p>What it owns: an ordered map from full path ({@code neurons/v}) to a {@code double[]},
 * {@code int[]}, {@code long[]} or {@code String[]}, copied in when written. Invariants: paths
 * are unique, made of segments without {@code '/'} and not empty; a path is written once. {@link
 * #sha256()} digests names, types and values in path order, so two snapshots with equal digests
 * hold the same state whatever order it was written in. Not thread-safe.
 */
public final class StateSnapshot {
    private final Map<String, Object> entries = new LinkedHashMap<>();

    /** A writer of this snapshot's root scope. */
    public StateWriter writer() {
        return new Writer("");
    }

    /** A reader of this snapshot's root scope. */
    public StateReader reader() {
        return new Reader("");
    }

    /** Paths to values, in the order written; the values are not to be modified. */
    public Map<String, Object> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /**
     * Adds a value read from elsewhere (a checkpoint file) under its full path: a {@code double[]},
     * {@code int[]}, {@code long[]} or {@code String[]}, taken as it is.
     */
    public void put(String path, Object value) {
        Objects.requireNonNull(value, "value");
        if (!(value instanceof double[] || value instanceof int[] || value instanceof long[]
                || value instanceof String[])) {
            throw new IllegalArgumentException(path + ": unsupported state type " + value.getClass().getSimpleName());
        }
        for (String segment : path.split("/", -1)) {
            checkName(segment);
        }
        if (entries.putIfAbsent(path, value) != null) {
            throw new IllegalArgumentException("state " + path + " is written twice");
        }
    }

    /** Bytes held by the values (8 per double or long, 4 per int, UTF-16 for strings). */
    public long bytes() {
        long n = 0;
        for (Object v : entries.values()) {
            if (v instanceof double[] a) {
                n += 8L * a.length;
            } else if (v instanceof long[] a) {
                n += 8L * a.length;
            } else if (v instanceof int[] a) {
                n += 4L * a.length;
            } else {
                for (String s : (String[]) v) {
                    n += 2L * s.length();
                }
            }
        }
        return n;
    }

    /**
     * SHA-256 over every entry in path order: the path, a type letter, the count, then the
     * values (IEEE bits of doubles, big-endian), as 64 hex digits.
     */
    public String sha256() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        ByteBuffer b = ByteBuffer.allocate(1 << 16);
        for (String path : entries.keySet().stream().sorted().toList()) {
            Object v = entries.get(path);
            md.update(path.getBytes(StandardCharsets.UTF_8));
            if (v instanceof double[] a) {
                header(md, 'd', a.length);
                for (double x : a) {
                    b = room(md, b, 8).putLong(Double.doubleToRawLongBits(x));
                }
            } else if (v instanceof long[] a) {
                header(md, 'l', a.length);
                for (long x : a) {
                    b = room(md, b, 8).putLong(x);
                }
            } else if (v instanceof int[] a) {
                header(md, 'i', a.length);
                for (int x : a) {
                    b = room(md, b, 4).putInt(x);
                }
            } else {
                String[] a = (String[]) v;
                header(md, 's', a.length);
                for (String x : a) {
                    byte[] bytes = x.getBytes(StandardCharsets.UTF_8);
                    b = room(md, b, 4).putInt(bytes.length);
                    md.update(b.flip());
                    b.clear();
                    md.update(bytes);
                }
            }
            md.update(b.flip());
            b.clear();
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void header(MessageDigest md, char type, int count) {
        md.update(ByteBuffer.allocate(5).put((byte) type).putInt(count).array());
    }

    private static ByteBuffer room(MessageDigest md, ByteBuffer b, int bytes) {
        if (b.remaining() < bytes) {
            md.update(b.flip());
            b.clear();
        }
        return b;
    }

    private static void checkName(String name) {
        if (name.isEmpty() || name.indexOf('/') >= 0) {
            throw new IllegalArgumentException("state name '" + name + "' must be non-empty and without '/'");
        }
    }

    private static String join(String prefix, String name) {
        checkName(name);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /**
     * A scope of this snapshot: the path its names are joined to, and how a nested scope of the
     * same kind ({@code S}, a writer or a reader) is opened.
     */
    private abstract static class Scope<S> {
        private final String prefix;
        private final Function<String, S> open;

        Scope(String prefix, Function<String, S> open) {
            this.prefix = prefix;
            this.open = open;
        }

        /** The full path of {@code name} in this scope. */
        public String path(String name) {
            return join(prefix, name);
        }

        /** The scope {@code name} nested in this one. */
        public S scope(String name) {
            return open.apply(path(name));
        }
    }

    /** Writes into this snapshot under its scope's path. */
    private final class Writer extends Scope<StateWriter> implements StateWriter {
        Writer(String prefix) {
            super(prefix, Writer::new);
        }

        @Override
        public void doubles(String name, double[] values, int from, int to) {
            put(path(name), Arrays.copyOfRange(values, from, to));
        }

        @Override
        public void ints(String name, int[] values, int from, int to) {
            put(path(name), Arrays.copyOfRange(values, from, to));
        }

        @Override
        public void longs(String name, long[] values) {
            put(path(name), values.clone());
        }

        @Override
        public void strings(String name, String[] values) {
            for (String s : values) {
                Objects.requireNonNull(s, "string in " + path(name));
            }
            put(path(name), values.clone());
        }
    }

    /** Reads this snapshot under its scope's path. */
    private final class Reader extends Scope<StateReader> implements StateReader {
        Reader(String prefix) {
            super(prefix, Reader::new);
        }

        @Override
        public boolean has(String name) {
            return entries.containsKey(path(name));
        }

        private <T> T get(String name, Class<T> type, String what) {
            Object v = entries.get(path(name));
            if (v == null) {
                throw new StateMismatchException("the checkpoint has no " + path(name)
                        + ", which this network needs");
            }
            if (!type.isInstance(v)) {
                throw new StateMismatchException(path(name) + " in the checkpoint is not " + what);
            }
            return type.cast(v);
        }

        @Override
        public double[] doubles(String name) {
            return get(name, double[].class, "an array of doubles");
        }

        @Override
        public int[] ints(String name) {
            return get(name, int[].class, "an array of ints");
        }

        @Override
        public long[] longs(String name) {
            return get(name, long[].class, "an array of longs");
        }

        @Override
        public String[] strings(String name) {
            return get(name, String[].class, "an array of strings");
        }
    }
}
