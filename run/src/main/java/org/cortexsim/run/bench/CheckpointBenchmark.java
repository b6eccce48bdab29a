package org.cortexsim.run.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cortexsim.core.state.StateSnapshot;
import org.cortexsim.network.RunResult;
import org.cortexsim.network.Simulation;
import org.cortexsim.network.StopCondition;
import org.cortexsim.results.CheckpointFile;

/**
 * Times the checkpoints of the benchmark network ({@link NetworkBenchmark#build}): the network
 * runs for the benchmark's duration (so that spikes are in flight and queued), then, between two
 * steps, its state is saved {@code repeats} times, each time written to a checkpoint file in
 * {@code dir} (replacing the last, as a run does), read back and restored into a second network
 * built alike. A run's checkpoint also flushes its recordings (nothing here: the benchmark records
 * nothing) and rewrites its small index file; those are not timed. Times are medians.
 */
public final class CheckpointBenchmark {
    private final NetworkBenchmark network;
    private final double durationMs;
    private final int repeats;

    /** Checkpoints of {@code network}'s networks after {@code durationMs} ms, timed {@code repeats} times. */
    public CheckpointBenchmark(NetworkBenchmark network, double durationMs, int repeats) {
        if (repeats < 1 || !(durationMs > 0)) {
            throw new IllegalArgumentException("repeats must be >= 1 and the duration > 0 ms");
        }
        this.network = network;
        this.durationMs = durationMs;
        this.repeats = repeats;
    }

    /**
     * One size: the step checkpointed, the state (values, bytes in memory), the file's bytes, and
     * the median seconds of saving the state ({@code save}), writing the file ({@code write}: to a
     * temporary file, read back and verified, flushed to the device, renamed), reading it ({@code
     * read}) and restoring a
     * fresh network from it ({@code restore}).
     */
    public record Result(int neurons, long synapses, int threads, long step, long stateBytes, long fileBytes,
            double saveSeconds, double writeSeconds, double readSeconds, double restoreSeconds) {
        /** Seconds a running network spends on one checkpoint: saving and writing. */
        public double checkpointSeconds() {
            return saveSeconds + writeSeconds;
        }
    }

    /** Measures size {@code n}, writing the checkpoints into {@code dir}. */
    public Result measure(int n, Path dir) throws IOException {
        Path file = dir.resolve("bench-" + n + ".checkpoint.h5");
        double[] save = new double[repeats];
        double[] write = new double[repeats];
        double[] read = new double[repeats];
        double[] restore = new double[repeats];
        long[] sizes = new long[2];
        StateSnapshot[] last = new StateSnapshot[1];
        long steps = Math.round(durationMs / NetworkBenchmark.DT_MS);
        try (Simulation sim = network.build(n)) {
            RunResult ran = sim.run(steps, step -> {
                if (step + 1 < steps) {
                    return StopCondition.Action.CONTINUE;
                }
                try {
                    for (int r = 0; r < repeats; r++) {
                        long t0 = System.nanoTime();
                        StateSnapshot snapshot = new StateSnapshot();
                        sim.saveState(snapshot.writer().scope("simulation"), step + 1);
                        long t1 = System.nanoTime();
                        Map<String, Object> attrs = new LinkedHashMap<>();
                        attrs.put("cortexsim_file", "checkpoint");
                        attrs.put("step", step + 1);
                        attrs.put("state_sha256", snapshot.sha256());
                        CheckpointFile.write(file, snapshot.entries(), attrs);
                        long t2 = System.nanoTime();
                        save[r] = (t1 - t0) / 1e9;
                        write[r] = (t2 - t1) / 1e9;
                        last[0] = snapshot;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return StopCondition.Action.CONTINUE;
            });
            sizes[0] = last[0].bytes();
            sizes[1] = Files.size(file);
            for (int r = 0; r < repeats; r++) {
                long t0 = System.nanoTime();
                CheckpointFile.Contents contents = CheckpointFile.read(file);
                StateSnapshot back = new StateSnapshot();
                contents.state().forEach(back::put);
                long t1 = System.nanoTime();
                try (Simulation fresh = network.build(n)) {
                    long t2 = System.nanoTime();
                    fresh.restoreState(back.reader().scope("simulation"), steps);
                    restore[r] = (System.nanoTime() - t2) / 1e9;
                }
                read[r] = (t1 - t0) / 1e9;
            }
            long synapses = sim.projections().stream().mapToLong(p -> p.synapseCount()).sum();
            return new Result(n, synapses, sim.threads(), ran.stepsDone(), sizes[0], sizes[1], median(save),
                    median(write), median(read), median(restore));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }
}
