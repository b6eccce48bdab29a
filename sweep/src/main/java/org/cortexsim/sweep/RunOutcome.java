package org.cortexsim.sweep;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cortexsim.results.ResultInfo;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SpikeData;
import org.cortexsim.run.Runner;

/**
 * The result of one sweep run, small enough to travel back from a cluster member: the run's
 * parameters and seed, its status ({@code completed}, or why not), spikes and mean rate per
 * population, wall time, where the output is, which member ran it and a SHA-256 checksum of the
 * spike datasets. When outputs are not on a shared directory, {@code files} carries the bytes of
 * the files written (file name to content), to be written by the driver; otherwise it is empty.
 *
 * <p>Invariants: {@code status} and {@code message} are non-null; {@code completed()} is true iff
 * the status is {@code completed}; lists and maps are unmodifiable. The record is
 * {@link Serializable} (Java serialization goes through the canonical constructor, so these
 * invariants hold for received outcomes too).
 */
public record RunOutcome(int index, Map<String, String> parameters, long seed, String status, String message,
        List<PopulationResult> populations, double wallSeconds, String output, String member, String spikesSha256,
        Map<String, byte[]> files) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Status of a run that finished its whole duration. */
    public static final String COMPLETED = "completed";

    /** Spikes and mean rate (Hz) of one population in one run. */
    public record PopulationResult(String name, long spikes, double rateHz) implements Serializable {
        private static final long serialVersionUID = 1L;

        public PopulationResult {
            Objects.requireNonNull(name, "name");
        }
    }

    public RunOutcome {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        populations = List.copyOf(populations);
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(spikesSha256, "spikesSha256");
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public boolean completed() {
        return COMPLETED.equals(status);
    }

    /** The same outcome without file contents, pointing at {@code output}. */
    RunOutcome withOutput(String newOutput) {
        return new RunOutcome(index, parameters, seed, status, message, populations, wallSeconds, newOutput, member,
                spikesSha256, Map.of());
    }

    /** An outcome for a run that produced no usable output. */
    public static RunOutcome failed(SweepRun run, String status, String message, String member) {
        return new RunOutcome(run.index(), run.parameters(), run.seed(), status, message, List.of(), Double.NaN,
                run.output().toString(), member, "", Map.of());
    }

    /**
     * Reads the outcome of {@code run} from its output file {@code file}: status, spikes and rates
     * per population, the checksum, and the wall time from the file's started_at/finished_at.
     */
    public static RunOutcome read(SweepRun run, Path file, String member) throws IOException {
        ResultInfo info = ResultInfo.read(file);
        String status = String.valueOf(info.provenance().getOrDefault("status", "unknown"));
        List<PopulationResult> pops = new ArrayList<>();
        for (ResultInfo.PopulationInfo p : info.populations()) {
            pops.add(new PopulationResult(p.name(), p.spikes(), p.rateHz()));
        }
        double wall = Double.NaN;
        try {
            wall = Duration.between(Instant.parse(String.valueOf(info.provenance().get("started_at"))),
                    Instant.parse(String.valueOf(info.provenance().get("finished_at")))).toNanos() / 1e9;
        } catch (RuntimeException e) {
            wall = Double.NaN;
        }
        return new RunOutcome(run.index(), run.parameters(), run.seed(), status, "", pops, wall, file.toString(),
                member, spikeChecksum(file), Map.of());
    }

    /**
     * SHA-256 over every spike population of the run whose main file is {@code file}, in name
     * order: the name, then the spike count and each spike's node id and time (IEEE bits), in stored
     * order (time order, as cortexsim writes spikes). The spikes are read through {@link ResultSet}, so a run written in segments has the
     * checksum of the same run written unsegmented. Equal checksums mean identical spikes.
     */
    public static String spikeChecksum(Path file) throws IOException {
        try (ResultSet r = ResultSet.open(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<String> pops = new ArrayList<>(r.spikePopulations());
            Collections.sort(pops);
            for (String pop : pops) {
                md.update(pop.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                SpikeData s = r.spikes(pop);
                ByteBuffer b = ByteBuffer.allocate(16 * s.count() + 4);
                b.putInt(s.count());
                for (int i = 0; i < s.count(); i++) {
                    b.putLong(s.nodeIds()[i]).putLong(Double.doubleToLongBits(s.timestampsMs()[i]));
                }
                md.update(b.array());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /**
     * Resumption, shared by every mode: fills {@code outcomes} for the runs of {@code sweep} whose
     * outputs are complete (telling {@code progress} they were skipped) and returns the others, in
     * order.
     */
    static java.util.List<SweepRun> pendingRuns(Sweep sweep, SweepProgress progress, RunOutcome[] outcomes)
            throws IOException {
        java.util.List<SweepRun> pending = new java.util.ArrayList<>();
        for (SweepRun run : sweep.runs()) {
            if (isComplete(run.output())) {
                outcomes[run.index()] = read(run, run.output(), "(earlier)");
                progress.skipped(run);
            } else {
                pending.add(run);
            }
        }
        return pending;
    }

    /** Whether {@code file} is the main file of a finished run with all its files: {@link Runner#isComplete}. */
    public static boolean isComplete(Path file) {
        return Runner.isComplete(file);
    }
}
