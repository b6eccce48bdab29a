package org.cortexsim.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigIdentity;
import org.cortexsim.config.Location;
import org.cortexsim.core.state.StateSnapshot;
import org.cortexsim.results.CheckpointFile;

/**
 * A run's checkpoint file ({@code <stem>.checkpoint.h5}, {@link
 * org.cortexsim.results.OutputLayout#checkpointPath}): the state of every {@link
 * org.cortexsim.core.state.Checkpointable} of the run ({@link RunState}) and what it must match
 * to be resumed.
 *
 * <p>Root attributes: {@code cortexsim_file} = {@value #KIND}; {@value #LAYOUT_ATTR}, the layout
 * of the state ({@link #STATE_LAYOUT}, raised whenever a component's state names or meaning
 * change); {@code simulator_version}; {@code config_sha256} and {@code config_identity} (the
 * canonical lines of the effective config, {@link ConfigIdentity}); {@code network_fingerprint}
 * ({@link org.cortexsim.network.NetworkFingerprint}); {@code step}, {@code model_time_ms} (the sample the state
 * holds) and {@code dt_ms}; {@code memory_budget_bytes} (the segments' budget, kept on resumption so the segment
 * sequence continues as it would have); {@code loop_seconds} (wall time of the step loop so far,
 * over every session); {@code started_at} (of the first session); {@code state_sha256} ({@link
 * StateSnapshot#sha256()}, which detects a damaged file); and for people, {@code threads},
 * {@code written_at} and {@code config_source}.
 *
 * <p>{@link #read} refuses, with a {@link ConfigException} (exit code 2) naming the file, saying
 * which and why: a file that is not a readable checkpoint (damaged, truncated), one of another
 * state layout, and one written for a different effective config (naming the keys that differ).
 */
final class Checkpoints {
    /**
     * The state layout this version writes and reads. 2: the simulation's state holds {@code
     * plastic/<projection>} (weights, rule state, spike history or spikes in flight) and the network
     * fingerprint covers spike sources' spikes and plasticity rules.
     */
    static final long STATE_LAYOUT = 2;
    static final String KIND = "checkpoint";
    static final String LAYOUT_ATTR = "state_layout";

    private Checkpoints() {
    }

    /** What a checkpoint says besides its state. */
    record Header(long step, double modelTimeMs, long budgetBytes, double loopSeconds, Instant startedAt,
            String networkFingerprint, String simulatorVersion) {
    }

    /** A checkpoint read and checked against the config of the run resuming it. */
    record Loaded(Path file, Header header, StateSnapshot state) {
    }

    /** Writes {@code state} with {@code header} for the run of {@code config} on {@code threads} threads. */
    static void write(Path file, StateSnapshot state, Header header, Config config, int threads) throws IOException {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("cortexsim_file", KIND);
        attrs.put(LAYOUT_ATTR, STATE_LAYOUT);
        attrs.put("simulator_version", header.simulatorVersion());
        attrs.put("config_sha256", config.identity().sha256());
        attrs.put("config_identity", config.identity().lines().isEmpty() ? new String[] {"(empty)"}
                : config.identity().lines().toArray(String[]::new));
        attrs.put("config_source", config.sourceName());
        attrs.put("network_fingerprint", header.networkFingerprint());
        attrs.put("step", header.step());
        attrs.put("model_time_ms", header.modelTimeMs());
        attrs.put("dt_ms", config.simulation().dtMs());
        attrs.put("memory_budget_bytes", header.budgetBytes());
        attrs.put("loop_seconds", header.loopSeconds());
        attrs.put("started_at", header.startedAt().toString());
        attrs.put("written_at", Instant.now().toString());
        attrs.put("threads", (long) threads);
        attrs.put("state_sha256", state.sha256());
        CheckpointFile.write(file, state.entries(), attrs);
    }

    /**
     * Reads {@code file} and checks it against {@code config}: a readable cortexsim checkpoint of
     * this state layout, written for the same effective config, with its state intact.
     *
     * @throws ConfigException naming the file and saying why it cannot be resumed
     */
    static Loaded read(Path file, Config config) throws ConfigException {
        CheckpointFile.Contents contents;
        try {
            contents = CheckpointFile.read(file);
        } catch (IOException | RuntimeException e) {
            throw refuse(file, "not a readable checkpoint: the file is damaged or truncated (" + e.getMessage()
                    + ")" + START_OVER);
        }
        Map<String, Object> a = contents.attributes();
        if (!KIND.equals(a.get("cortexsim_file"))) {
            throw refuse(file, "not a cortexsim checkpoint (no cortexsim_file = checkpoint attribute)" + START_OVER);
        }
        String version = String.valueOf(a.get("simulator_version"));
        if (!(a.get(LAYOUT_ATTR) instanceof Long layout) || layout != STATE_LAYOUT) {
            throw refuse(file, "written by cortexsim " + version + " with state layout " + a.get(LAYOUT_ATTR)
                    + "; this cortexsim (" + Version.get() + ") reads state layout " + STATE_LAYOUT
                    + " only, so it cannot continue that run; resume it with the version that wrote it" + START_OVER);
        }
        String[] lines = a.get("config_identity") instanceof String[] l ? l
                : a.get("config_identity") instanceof String one ? new String[] {one} : new String[0];
        ConfigIdentity earlier = ConfigIdentity.of(lines.length == 1 && lines[0].equals("(empty)") ? List.of()
                : Arrays.asList(lines));
        if (!config.identity().sha256().equals(a.get("config_sha256"))
                || !earlier.sha256().equals(a.get("config_sha256"))) {
            List<String> diff = config.identity().differencesFrom(earlier, 5);
            throw refuse(file, "written for a different config, so this run cannot continue it"
                    + (diff.isEmpty() ? " (the config hashes differ)" : ": " + String.join("; ", diff))
                    + ". Resume with the config (file and --set overrides) it was written for; threads, output and"
                    + " checkpoint settings may differ" + START_OVER);
        }
        StateSnapshot state = new StateSnapshot();
        try {
            for (Map.Entry<String, Object> e : contents.state().entrySet()) {
                state.put(e.getKey(), e.getValue());
            }
        } catch (IllegalArgumentException e) {
            throw refuse(file, "damaged: " + e.getMessage() + START_OVER);
        }
        if (!state.sha256().equals(a.get("state_sha256"))) {
            throw refuse(file, "damaged: its state does not match the checksum written with it (state_sha256)"
                    + START_OVER);
        }
        try {
            Header h = new Header((Long) a.get("step"), ((Number) a.get("model_time_ms")).doubleValue(),
                    (Long) a.get("memory_budget_bytes"), ((Number) a.get("loop_seconds")).doubleValue(),
                    Instant.parse((String) a.get("started_at")), (String) a.get("network_fingerprint"), version);
            if (h.step() < 0 || h.budgetBytes() < 1) {
                throw new IllegalArgumentException("step " + h.step() + ", budget " + h.budgetBytes());
            }
            return new Loaded(file, h, state);
        } catch (RuntimeException e) {
            throw refuse(file, "damaged: a root attribute is missing or malformed (" + e + ")" + START_OVER);
        }
    }

    /** The advice closing every refusal. */
    static final String START_OVER = ". To start the run over instead, run it with --overwrite (without --resume)";

    /** A refusal of {@code file} (exit code 2). */
    static ConfigException refuse(Path file, String why) {
        return new ConfigException(Location.of(file.toString()), "cannot resume from this checkpoint: " + why);
    }
}
