package org.cortexsim.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cortexsim.config.Config;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataReader;
import org.cortexsim.run.RunOptions;
import org.cortexsim.run.Runner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep resumes a run from its checkpoint instead of from the start: a run stopped by a signal,
 * or killed (the process gone, its checkpoint and segments left), is continued by rerunning the
 * sweep, by its SLURM task ({@code --index}), and by the execution a cluster worker makes of a run
 * resubmitted on a shared directory after its first worker was lost; each ends with the spikes of
 * a run never stopped.
 */
class SweepResumeTest {
    @TempDir
    Path dir;

    /** The base config of the sweeps, {@code resume_base.yaml} beside this class. */
    private static final String BASE = resource("resume_base.yaml");

    private static String resource(String name) {
        try (java.io.InputStream in = SweepResumeTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Sweep sweep(String name) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), BASE);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, "base: base.yaml\noutput_dir: " + name + "_out\naxes:\n"
                + "  inputs[0].amplitude_pA: [45, 60, 75]\n");
        return Sweep.load(file);
    }

    /** Runs of {@code sweep}'s run k as a crashed process leaves them: killed after about {@code steps} steps. */
    private static void crash(Sweep sweep, int k, long steps) throws Exception {
        Files.createDirectories(sweep.outputDir());
        Config config = sweep.config(sweep.runs().get(k), 1);
        assertThrows(IllegalStateException.class, () -> Runner.run(config, new RunOptions(p -> {
            if (p.stepsDone() >= steps) {
                throw new IllegalStateException("killed");
            }
        }, 1e-12, new AtomicBoolean()).withResume(true)));
        assertTrue(Files.exists(OutputLayout.checkpointPath(sweep.runs().get(k).output())), "a checkpoint was kept");
        assertFalse(RunOutcome.isComplete(sweep.runs().get(k).output()));
    }

    private static void assertSameSpikes(Path expected, Path actual) throws Exception {
        try (ResultSet a = ResultSet.open(expected); ResultSet b = ResultSet.open(actual)) {
            assertArrayEquals(a.spikes("exc").timestampsMs(), b.spikes("exc").timestampsMs(), 0.0);
            assertArrayEquals(a.spikes("exc").nodeIds(), b.spikes("exc").nodeIds());
        }
    }

    private static double resumedFrom(Path main) throws Exception {
        try (SonataReader r = SonataReader.open(main)) {
            Object at = r.rootAttribute("resumed_from_ms");
            return at == null ? Double.NaN : ((Number) at).doubleValue();
        }
    }

    @Test
    void rerunningASweepResumesItsKilledAndInterruptedRuns() throws Exception {
        Sweep reference = sweep("reference");
        SweepReport ref = LocalSweep.run(reference, new SweepOptions(1, 1, 1, m -> { }));
        assertTrue(ref.allCompleted());

        Sweep s = sweep("resumed");
        crash(s, 1, 2000);
        AtomicBoolean stop = new AtomicBoolean();
        Files.createDirectories(s.outputDir());
        Config third = s.config(s.runs().get(2), 1);
        Runner.run(third, new RunOptions(p -> {
            if (p.stepsDone() >= 1500) {
                stop.set(true);
            }
        }, 1e-12, stop).withResume(true));
        double stoppedAt;
        try (SonataReader r = SonataReader.open(s.runs().get(2).output())) {
            assertTrue(String.valueOf(r.rootAttribute("status")).startsWith("interrupted"));
            stoppedAt = ((Number) r.rootAttribute("model_time_reached_ms")).doubleValue();
        }
        // asked to stop once 1500 steps (150 ms) were done; progress is reported every 64 steps and the stop comes
        // at the next check after that, so within about 64 steps of 150 ms
        assertTrue(stoppedAt >= 150.0 && stoppedAt <= 150.0 + 6.4 + 1.0, "stopped at " + stoppedAt + " ms");
        SweepReport report = LocalSweep.run(s, new SweepOptions(1, 1, 1, m -> { }));
        assertTrue(report.allCompleted());
        assertEquals(3, report.ran(), "the crashed and the interrupted runs are not complete, so they ran");
        assertTrue(Double.isNaN(resumedFrom(s.runs().get(0).output())), "run 0 had nothing to resume");
        assertEquals(200.0, resumedFrom(s.runs().get(1).output()), 1e-9, "from its last checkpoint (200 ms)");
        assertEquals(stoppedAt, resumedFrom(s.runs().get(2).output()), 1e-9, "from where the signal stopped it");
        for (int k = 0; k < 3; k++) {
            assertSameSpikes(reference.runs().get(k).output(), s.runs().get(k).output());
            assertEquals(ref.outcomes().get(k).spikesSha256(), report.outcomes().get(k).spikesSha256());
            assertFalse(Files.exists(OutputLayout.checkpointPath(s.runs().get(k).output())));
        }
    }

    @Test
    void aSlurmTaskAndAResubmittedClusterRunResumeFromTheCheckpointLeftBehind() throws Exception {
        Sweep reference = sweep("reference");
        LocalSweep.run(reference, new SweepOptions(1, 1, 1, m -> { }));
        Sweep s = sweep("tasks");
        crash(s, 0, 1200);
        RunOutcome index = LocalSweep.runIndex(s, 0, 2);
        assertTrue(index.completed(), index.message());
        assertEquals(100.0, resumedFrom(s.runs().get(0).output()), 1e-9);
        assertSameSpikes(reference.runs().get(0).output(), s.runs().get(0).output());

        // what a worker does with a run resubmitted on the shared directory (RunTask with --shared-dir)
        crash(s, 2, 3000);
        RunExecution.Result r = RunExecution.execute(s.baseText(), s.baseConfig().toString(),
                s.baseConfig().getParent(), s.runs().get(2), 1, "worker-b", new AtomicBoolean());
        assertTrue(r.outcome().completed(), r.outcome().message());
        assertEquals(300.0, resumedFrom(s.runs().get(2).output()), 1e-9);
        assertSameSpikes(reference.runs().get(2).output(), s.runs().get(2).output());

        AtomicBoolean signal = new AtomicBoolean(true);
        RunOutcome stopped = LocalSweep.runIndex(s, 1, 1, signal);
        assertFalse(stopped.completed(), "a task signalled (SLURM's time-limit warning) stops");
        assertTrue(stopped.status().startsWith("interrupted at t = 0.1 ms"), stopped.status());
        assertTrue(Files.exists(OutputLayout.checkpointPath(s.runs().get(1).output())), "with a checkpoint");
        RunOutcome requeued = LocalSweep.runIndex(s, 1, 1);
        assertTrue(requeued.completed());
        assertEquals(0.1, resumedFrom(s.runs().get(1).output()), 1e-9, "the requeued task resumed it");
        assertSameSpikes(reference.runs().get(1).output(), s.runs().get(1).output());
    }
}
