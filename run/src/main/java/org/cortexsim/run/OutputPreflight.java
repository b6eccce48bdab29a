package org.cortexsim.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.Location;

/**
 * Checks, before anything is built or simulated, that a run's output can be written: the
 * directory of {@code output.path} exists, is a directory, accepts a new file, and has room for
 * the estimated output ({@link Estimate#outputBytes()}, plus the connectivity when
 * {@code output.edges} is set, plus the network when {@code output.circuit} is set (counted
 * against the output directory), plus a margin for metadata). Each problem is a
 * {@link ConfigException} naming the directory and the fix, so the command line reports it as a
 * usage error (exit 2) with nothing simulated.
 *
 * <p>Invariants: the check leaves the file system as it found it (the writability probe is a
 * temporary file deleted at once), and a free-space figure that cannot be read never blocks a
 * run. Free space is measured through a {@link SpaceProbe}, which tests replace.
 */
public final class OutputPreflight {
    /** Bytes reserved beyond the estimate for HDF5 metadata and provenance. */
    static final long MARGIN_BYTES = 1L << 20;
    /**
     * Bytes per synapse written with {@code output.edges} or {@code output.circuit}: source,
     * target, weight and delay (8 each), edge type, group and group index (10), and the
     * afferent/efferent indices (at most 32 more, when every synapse is a range of its own).
     */
    static final long EDGE_BYTES = 4 * 8 + 10 + 32;
    /** Bytes per neuron of a circuit's nodes file: id, type, group, index, v_init, u_init (and margin). */
    static final long NODE_BYTES = 8 * 8;

    /** Usable bytes in the file store of a directory. */
    @FunctionalInterface
    public interface SpaceProbe {
        long usableBytes(Path directory) throws IOException;
    }

    /** The real probe: {@link java.nio.file.FileStore#getUsableSpace()} of the directory's store. */
    public static final SpaceProbe FILE_STORE = dir -> Files.getFileStore(dir).getUsableSpace();

    private OutputPreflight() {
    }

    /**
     * Checks the output of {@code config} against the real file system: also that {@code
     * output.path} is not itself a directory.
     */
    public static void check(Config config, Estimate estimate) throws ConfigException {
        check(config, estimate, FILE_STORE);
    }

    /** Checks the output of {@code config}, measuring free space with {@code probe}. */
    public static void check(Config config, Estimate estimate, SpaceProbe probe) throws ConfigException {
        Location where = Location.of(config.sourceName()).withKeyPath("output.path");
        Path main = config.output().path().toAbsolutePath().normalize();
        Path dir = main.getParent();
        String fix = "; choose another output file with -o DIR/FILE.h5 (output.path)";
        if (dir == null) {
            throw new ConfigException(where, "the output path " + main + " has no directory" + fix);
        }
        if (!Files.isDirectory(dir)) {
            Path existing = nearestExisting(dir);
            if (existing != null && !Files.isDirectory(existing)) {
                throw new ConfigException(where, "the output directory " + dir + " cannot exist: " + existing
                        + " is a file, not a directory" + fix);
            }
            throw new ConfigException(where, "the output directory " + dir + " does not exist; create it (mkdir -p "
                    + dir + ")" + fix.replace("; choose", " or choose"));
        }
        if (Files.isDirectory(main)) {
            throw new ConfigException(where, "the output path " + main + " is a directory, not a file; name a file"
                    + " in it, e.g. -o " + main.resolve("out.h5") + " (output.path)");
        }
        try {
            probeWritable(dir);
        } catch (IOException | SecurityException e) {
            throw new ConfigException(where, "the output directory " + dir + " is not writable (" + reason(e)
                    + "); fix its permissions" + fix.replace("; choose", " or choose"));
        }
        long needed = neededBytes(config, estimate);
        long usable;
        try {
            usable = probe.usableBytes(dir);
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return;
        }
        if (usable < needed) {
            throw new ConfigException(where, "the output directory " + dir + " has " + Estimate.human(usable)
                    + " free but this run writes about " + Estimate.human(needed)
                    + "; free some space there, record less, or write elsewhere with -o DIR/FILE.h5 (output.path)");
        }
    }

    /** The bytes a run of {@code config} needs in its output directory. */
    static long neededBytes(Config config, Estimate estimate) {
        long edges = config.output().edges() ? estimate.synapses() * EDGE_BYTES : 0;
        long circuit = config.output().circuit().isPresent()
                ? estimate.synapses() * EDGE_BYTES + estimate.neurons() * NODE_BYTES : 0;
        // a checkpoint holds about the neurons' state and the plastic synapses' weights and rule
        // state, and is replaced through a temporary copy
        long checkpoint = config.simulation().checkpoint().isPresent()
                ? 2 * (estimate.stateBytes() + Estimate.plasticCheckpointBytes(config)) : 0;
        return estimate.outputBytes() + edges + circuit + checkpoint + MARGIN_BYTES;
    }

    /** {@code path} or its nearest ancestor that exists; null when none does. */
    public static Path nearestExisting(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing;
    }

    /** Creates and deletes a hidden file in {@code dir}: throws what the file system says if it cannot. */
    public static void probeWritable(Path dir) throws IOException {
        Files.delete(Files.createTempFile(dir, ".cortexsim-write-check", ".tmp"));
    }

    /** Why a file operation failed, for a message: the file system's reason, else the exception's kind and message. */
    public static String reason(Exception e) {
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT) + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
