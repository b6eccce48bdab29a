package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.results.CheckpointFile;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultInfo;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and resumption of whole runs through {@link Runner}: a run stopped (by an interrupt,
 * or by a crash of the process simulated with an exception thrown from the loop) and resumed from
 * its checkpoint writes outputs identical, value for value, to an uninterrupted run: spikes,
 * float32 and float64 reports of v, u, I and synapse fields, on other thread counts on either
 * side; the same for a plastic run (STDP with per-synapse delays, Tsodyks-Markram, a spike source:
 * spikes, v, weight reports, reports of the rules' state, final and initial edge weights and the
 * plasticity provenance). A run
 * that checkpoints but is never stopped ends with the layout of one that does not. A
 * checkpoint that does not belong to the run is refused with exit-code-2 errors saying why.
 */
@ExtendWith(SeveralThreadsForSmallNetworks.class)
class CheckpointResumeTest {
    @TempDir
    Path dir;

    static final String NETWORK = """
            simulation: {dt_ms: 0.1, duration_ms: 300, seed: 11}
            populations:
              - {name: exc, model: RS, size: 400, initial: {v: {type: uniform, low: -70, high: -55}}}
              - {name: inh, model: FS, size: 100}
            projections:
              - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.05}, weight: {type: normal, mean: 40, sd: 10}, delay_ms: {type: uniform, low: 0.5, high: 4}, synapse: {model: exp_current, tau_ms: 5}}
              - {name: ei, pre: exc, post: inh, rule: {type: fixed_probability, p: 0.1}, weight: 60, delay_ms: 1}
              - {name: ie, pre: inh, post: exc, rule: {type: fixed_indegree, k: 10}, weight: 1.5, delay_ms: {type: uniform, low: 0.5, high: 1.5}, synapse: {model: exp_conductance, tau_ms: 8, E_rev_mV: -80}}
              - {name: ii, pre: inh, post: inh, rule: {type: fixed_probability, p: 0.1}, weight: -40, delay_ms: 0.5}
            inputs:
              - {type: noise, population: exc, mean_pA: 55, sigma_pA: 40}
              - {type: dc, population: inh, amplitude_pA: {type: uniform, low: 20, high: 50}, start_ms: 20}
              - {type: poisson, population: exc, rate_Hz: 500, weight: 8, delay_ms: 0.7, synapse: {model: exp_current, tau_ms: 5}}
            record:
              spikes: true
              state:
                - {name: exc_v, population: exc, variables: [v, u], neurons: {start: 0, stop: 400, step: 7}}
                - {name: exc_syn, population: exc, variables: [I, I_syn, g], neurons: [0, 5, 9, 200], every_steps: 3, start_ms: 13}
                - {name: inh_v64, population: inh, variables: [v], neurons: [1, 2, 3], dtype: float64, stop_ms: 250}
            """;

    /**
     * A plastic network: E->E under additive STDP with per-synapse delays of 1-20 ms, a spike source
     * (its times from a CSV file, {@link #writeSourceTimes}) onto E under multiplicative STDP with one
     * delay, E->I under Tsodyks-Markram with one delay and I->E under Tsodyks-Markram with
     * per-synapse delays; it records v (float64), every E->E weight (float64), a sample of the
     * source's weights (float32) and, for samples of each projection, its rule's state (STDP's
     * traces and their update times, TM's u, x and last arrival; float64 every step, and float32),
     * and writes the edges (final and initial weights).
     */
    static final String PLASTIC_NETWORK = """
            simulation: {dt_ms: 0.1, duration_ms: 300, seed: 13}
            populations:
              - {name: exc, model: RS, size: 400, initial: {v: {type: uniform, low: -70, high: -55}}}
              - {name: inh, model: FS, size: 100}
              - {name: src, model: spike_source, size: 20, spike_times_ms: {type: file, path: src.csv, columns: [node_id, time_ms]}}
            projections:
              - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.05}, weight: {type: uniform, low: 100, high: 500}, delay_ms: {type: uniform, low: 1, high: 20},
                 plasticity: {rule: stdp, A_plus: 10, A_minus: 11, w_max: 800}}
              - {name: se, pre: src, post: exc, rule: {type: fixed_probability, p: 0.2}, weight: 300, delay_ms: 2,
                 plasticity: {rule: stdp, A_plus: 10, A_minus: 10, w_max: 600, weight_dependence: multiplicative}}
              - {name: ei, pre: exc, post: inh, rule: {type: fixed_probability, p: 0.1}, weight: 200, delay_ms: 1,
                 plasticity: {rule: tsodyks_markram, U: 0.3, tau_rec_ms: 200, tau_fac_ms: 30}}
              - {name: ie, pre: inh, post: exc, rule: {type: fixed_probability, p: 0.1}, weight: -300, delay_ms: {type: uniform, low: 0.5, high: 3},
                 plasticity: {rule: tsodyks_markram, U: 0.5, tau_rec_ms: 100}}
            inputs:
              - {type: noise, population: exc, mean_pA: 70, sigma_pA: 60}
              - {type: dc, population: inh, amplitude_pA: 80}
            record:
              spikes: true
              state:
                - {name: exc_v, population: exc, variables: [v], neurons: {start: 0, stop: 400, step: 9}, dtype: float64}
              weights:
                - {projection: ee, every_ms: 5, dtype: float64}
                - {name: se_some, projection: se, synapses: {sample: 30}, every_ms: 1}
                - {name: ee_rule, projection: ee, variables: [w, x_pre, t_pre, x_post, t_post], synapses: {sample: 40}, every_ms: 0.1, dtype: float64}
                - {name: se_rule, projection: se, variables: [x_pre, x_post], synapses: {sample: 20}, every_ms: 0.5, dtype: float64}
                - {name: ei_rule, projection: ei, variables: [u, x, t_last], synapses: {sample: 40}, every_ms: 0.1, dtype: float64}
                - {name: ie_rule, projection: ie, variables: [u, x, t_last], synapses: {sample: 40}, every_ms: 0.3}
            output: {edges: true}
            """;

    /** The spike source's times: each of 20 neurons about every 25 ms, from a fixed seed. */
    static void writeSourceTimes(Path dir) throws IOException {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        StringBuilder csv = new StringBuilder("node_id,time_ms\n");
        for (int i = 0; i < 20; i++) {
            for (double t = r.nextDouble(20); t < 300; t += 5 + r.nextDouble(40)) {
                csv.append(i).append(',').append(t).append('\n');
            }
        }
        Files.writeString(dir.resolve("src.csv"), csv);
    }

    Config plasticConfig(Path out, int threads, String checkpoint) throws ConfigException {
        List<String> overrides = new ArrayList<>(List.of("output.path='" + out + "'", "simulation.threads=" + threads));
        if (checkpoint != null) {
            overrides.add("simulation.checkpoint=" + checkpoint);
        }
        return new ConfigLoader().parse(PLASTIC_NETWORK, "plastic.yaml", dir, overrides);
    }

    /** Asserts that two plastic runs wrote the same edges (final and initial weights) and plasticity provenance. */
    static void assertSamePlasticity(Path expected, Path actual) throws IOException {
        try (SonataReader a = SonataReader.open(expected); SonataReader b = SonataReader.open(actual)) {
            for (String pr : List.of("ee", "se", "ei", "ie")) {
                for (String column : List.of("syn_weight", "syn_weight_initial")) {
                    String path = "/edges/" + pr + "/0/" + column;
                    assertArrayEquals(a.doubles(path), b.doubles(path), 0.0, path);
                }
            }
        }
        List<org.cortexsim.results.PlasticityInfo> x = org.cortexsim.results.PlasticityInfo.read(expected);
        List<org.cortexsim.results.PlasticityInfo> y = org.cortexsim.results.PlasticityInfo.read(actual);
        assertEquals(x.size(), y.size());
        for (int i = 0; i < x.size(); i++) {
            assertArrayEquals(x.get(i).initialStats(), y.get(i).initialStats(), 0.0, x.get(i).projection());
            assertArrayEquals(x.get(i).finalStats(), y.get(i).finalStats(), 0.0, x.get(i).projection());
            assertArrayEquals(x.get(i).histogramInitial(), y.get(i).histogramInitial(), x.get(i).projection());
            assertArrayEquals(x.get(i).histogramFinal(), y.get(i).histogramFinal(), x.get(i).projection());
        }
    }

    Config config(Path out, int threads, String checkpoint, String... extra) throws ConfigException {
        List<String> overrides = new ArrayList<>(List.of("output.path='" + out + "'", "simulation.threads=" + threads));
        if (checkpoint != null) {
            overrides.add("simulation.checkpoint=" + checkpoint);
        }
        overrides.addAll(List.of(extra));
        return new ConfigLoader().parse(NETWORK, "net.yaml", dir, overrides);
    }

    /**
     * Options that interrupt the run once it has taken at least {@code steps} steps; progress is
     * reported after 64k + 1 steps, so the run stops at the first such count at or above.
     */
    static RunOptions interruptAfter(long steps) {
        AtomicBoolean flag = new AtomicBoolean();
        return new RunOptions(p -> {
            if (p.stepsDone() >= steps) {
                flag.set(true);
            }
        }, 1e-12, flag);
    }

    /** Options whose loop dies (as the process would under kill -9) once it has taken {@code steps} steps. */
    static RunOptions crashAfter(long steps) {
        return new RunOptions(p -> {
            if (p.stepsDone() >= steps) {
                throw new IllegalStateException("simulated crash at step " + p.stepsDone());
            }
        }, 1e-12, new AtomicBoolean());
    }

    /** Asserts that two results hold the same spikes and reports, value for value. */
    static void assertSameResults(Path expected, Path actual) throws IOException {
        try (ResultSet a = ResultSet.open(expected); ResultSet b = ResultSet.open(actual)) {
            assertEquals(a.spikePopulations(), b.spikePopulations());
            for (String pop : a.spikePopulations()) {
                SpikeData x = a.spikes(pop);
                SpikeData y = b.spikes(pop);
                assertArrayEquals(x.timestampsMs(), y.timestampsMs(), 0.0, pop + " spike times");
                assertArrayEquals(x.nodeIds(), y.nodeIds(), pop + " spike node ids");
            }
            assertEquals(a.reports(), b.reports());
            for (String report : a.reports()) {
                ReportMetadata m = a.reportMetadata(report);
                ReportMetadata n = b.reportMetadata(report);
                assertEquals(m.rows(), n.rows(), report);
                assertEquals(m.startMs(), n.startMs(), 0.0, report);
                assertEquals(m.stopMs(), n.stopMs(), 1e-9, report);
                assertArrayEquals(m.nodeIds(), n.nodeIds(), report);
                assertArrayEquals(a.reportSlice(report, 0, m.rows(), 0, m.cols()),
                        b.reportSlice(report, 0, n.rows(), 0, n.cols()), 0.0, report + " values");
            }
        }
    }

    static long spikeTotal(Path main) throws IOException {
        try (ResultSet r = ResultSet.open(main)) {
            long n = 0;
            for (String pop : r.spikePopulations()) {
                n += r.spikeCount(pop);
            }
            return n;
        }
    }

    @Test
    void aRunThatCheckpointsButIsNeverStoppedEndsWithTheLayoutOfOneThatDoesNot() throws Exception {
        Path plain = dir.resolve("plain.h5");
        Path checkpointed = dir.resolve("checkpointed.h5");
        assertTrue(Runner.run(config(plain, 2, null), RunOptions.quiet()).completed());
        RunReport r = Runner.run(config(checkpointed, 1, "{every_ms: 25}"), RunOptions.quiet());
        assertTrue(r.completed());
        assertNull(r.checkpoint(), "a completed run deletes its checkpoint");
        assertFalse(Files.exists(OutputLayout.checkpointPath(checkpointed)));
        assertTrue(spikeTotal(plain) > 1000, "the network fires: " + spikeTotal(plain));
        assertSameResults(plain, checkpointed);
        try (ResultSet a = ResultSet.open(checkpointed); SonataReader main = SonataReader.open(checkpointed)) {
            assertFalse(a.isSegmented(), "every stream merged back from its segments");
            assertEquals(List.of("exc", "inh"), main.spikePopulations(), "spikes in the main file");
            for (String report : a.reports()) {
                assertEquals(List.of(OutputLayout.reportPath(checkpointed, report).toAbsolutePath().normalize()),
                        a.reportFiles(report).stream().map(p -> p.toAbsolutePath().normalize()).toList());
            }
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> OutputLayout.segmentFiles(checkpointed).matcher(p.getFileName().toString())
                    .matches()), "no segment left");
        }
        Path kept = dir.resolve("kept.h5");
        RunReport k = Runner.run(config(kept, 1, "{every_ms: 100}"), RunOptions.quiet().withKeepCheckpoint(true));
        assertEquals(OutputLayout.checkpointPath(kept).toAbsolutePath().normalize(), k.checkpoint());
        assertEquals(200.0, ((Number) CheckpointFile.read(k.checkpoint()).attributes().get("model_time_ms"))
                .doubleValue(), 1e-9, "the last checkpoint before the end, at the last multiple of 100 ms");
    }

    @Test
    void anInterruptedRunResumedOnOtherThreadCountsEqualsAnUninterruptedOne() throws Exception {
        Path reference = dir.resolve("reference.h5");
        assertTrue(Runner.run(config(reference, 1, null), RunOptions.quiet()).completed());
        int[][] threads = {{2, 4}, {4, 1}, {1, 3}};
        for (int[] t : threads) {
            Path out = dir.resolve("stopped" + t[0] + t[1] + ".h5");
            RunReport stopped = Runner.run(config(out, t[0], "{every_ms: 50}"), interruptAfter(1281));
            assertFalse(stopped.completed());
            Path checkpoint = OutputLayout.checkpointPath(out);
            assertEquals(checkpoint.toAbsolutePath().normalize(), stopped.checkpoint(), "kept for --resume");
            // one step at a time, the run stops after the step that saw the interrupt; several threads
            // stepping in windows (delays >= 0.5 ms) stop where the runner next asks, at most 10 steps on
            long stopStep = (Long) CheckpointFile.read(checkpoint).attributes().get("step");
            if (t[0] == 1) {
                assertEquals(1281L, stopStep, "checkpointed where it stopped");
            } else {
                assertTrue(stopStep >= 1281 && stopStep <= 1290, "stopped within 10 steps: " + stopStep);
            }
            final double stopMs = stopStep / 10.0;
            assertEquals("interrupted at t = " + new java.math.BigDecimal(stopStep).movePointLeft(1).stripTrailingZeros()
                    .toPlainString() + " ms", stopped.status());
            try (ResultSet index = ResultSet.open(out)) {
                assertTrue(((String) index.provenance().get("status")).startsWith("interrupted"));
                assertEquals(stopMs, ((Number) index.provenance().get("model_time_reached_ms")).doubleValue(), 1e-9);
                assertTrue(index.missingFiles().isEmpty(), "the index lists the segments on disk");
                for (String pop : index.spikePopulations()) {
                    SpikeData partial = index.spikes(pop);
                    try (ResultSet ref = ResultSet.open(reference)) {
                        SpikeData all = ref.spikes(pop, 0, stopMs);
                        assertArrayEquals(all.timestampsMs(), partial.timestampsMs(), 0.0,
                                pop + ": everything up to the stop is on disk");
                    }
                }
            }
            ResultInfo info = ResultInfo.read(out);
            assertEquals(2, info.populations().size(), "info reads the interrupted run");
            RunReport resumed = Runner.run(config(out, t[1], "{every_ms: 50}"), RunOptions.quiet().withResume(true));
            assertTrue(resumed.completed(), resumed.status());
            assertEquals(stopMs, resumed.resumedFromMs(), 1e-9);
            assertNull(resumed.checkpoint());
            assertSameResults(reference, out);
            assertEquals(resumed.populations().stream().mapToLong(RunReport.PopulationStats::spikes).sum(),
                    spikeTotal(reference), "the spike counts of the report span both sessions");
            RunReport again = Runner.run(config(out, 1, null), RunOptions.quiet().withResume(true));
            assertTrue(again.completed() && again.resumed(), "a complete output is left as it is");
            assertSameResults(reference, out);
        }
    }

    @Test
    void aPlasticRunInterruptedOrCrashedAndResumedOnOneOrTwoThreadsEqualsAnUninterruptedOne() throws Exception {
        writeSourceTimes(dir);
        Path reference = dir.resolve("plastic-reference.h5");
        assertTrue(Runner.run(plasticConfig(reference, 1, null), RunOptions.quiet()).completed());
        try (SonataReader r = SonataReader.open(reference)) {
            for (String pop : List.of("exc", "inh", "src")) {
                assertTrue(r.spikes(pop).count() > 200, pop + " fires: " + r.spikes(pop).count());
            }
            double[] fin = r.doubles("/edges/ee/0/syn_weight");
            double[] initial = r.doubles("/edges/ee/0/syn_weight_initial");
            assertFalse(java.util.Arrays.equals(fin, initial), "STDP changed the E->E weights");
        }
        try (ResultSet r = ResultSet.open(reference)) {
            for (String report : List.of("ee_rule_x_pre", "ee_rule_x_post", "ei_rule_u", "ie_rule_x")) {
                ReportMetadata m = r.reportMetadata(report);
                long distinct = java.util.Arrays.stream(r.reportSlice(report, 0, m.rows(), 0, m.cols())).distinct().count();
                assertTrue(distinct > 10, report + " moves: " + distinct + " distinct values");
            }
        }
        int[][] threads = {{1, 2}, {2, 1}};
        for (int[] t : threads) {
            Path out = dir.resolve("plastic-stopped" + t[0] + t[1] + ".h5");
            RunReport stopped = Runner.run(plasticConfig(out, t[0], "{every_ms: 50}"), interruptAfter(1281));
            assertFalse(stopped.completed());
            assertEquals(1281L, CheckpointFile.read(OutputLayout.checkpointPath(out)).attributes().get("step"));
            RunReport resumed = Runner.run(plasticConfig(out, t[1], "{every_ms: 50}"),
                    RunOptions.quiet().withResume(true));
            assertTrue(resumed.completed(), resumed.status());
            assertEquals(128.1, resumed.resumedFromMs(), 1e-9);
            assertSameResults(reference, out);
            assertSamePlasticity(reference, out);
        }
        Path crashed = dir.resolve("plastic-crashed.h5");
        assertThrows(IllegalStateException.class, () -> Runner.run(plasticConfig(crashed, 2, "{every_ms: 40}"),
                crashAfter(1700)));
        RunReport resumed = Runner.run(plasticConfig(crashed, 1, "{every_ms: 40}"),
                RunOptions.quiet().withResume(true));
        assertEquals(160.0, resumed.resumedFromMs(), 1e-9, "from the last checkpoint before the crash");
        assertSameResults(reference, crashed);
        assertSamePlasticity(reference, crashed);
    }

    @Test
    void aPlasticCheckpointWhoseSpikeTimesChangedIsRefused() throws Exception {
        writeSourceTimes(dir);
        Path out = dir.resolve("plastic-files.h5");
        Runner.run(plasticConfig(out, 1, "{every_ms: 50}"), interruptAfter(700));
        Files.writeString(dir.resolve("src.csv"), Files.readString(dir.resolve("src.csv")) + "3,299.5\n");
        String m = assertThrows(ConfigException.class, () -> Runner.run(plasticConfig(out, 1, "{every_ms: 50}"),
                RunOptions.quiet().withResume(true))).getMessage();
        assertTrue(m.contains("network") && m.contains("changed"), m);
    }

    @Test
    void aCrashedRunResumesFromItsLastCheckpointAndItsIndexReadsWhatWasKept() throws Exception {
        Path reference = dir.resolve("reference.h5");
        assertTrue(Runner.run(config(reference, 2, null), RunOptions.quiet()).completed());
        Path out = dir.resolve("crashed.h5");
        assertThrows(IllegalStateException.class, () -> Runner.run(config(out, 2, "{every_ms: 40}"),
                crashAfter(1700)));
        try (ResultSet index = ResultSet.open(out)) {
            assertEquals("running", index.provenance().get("status"));
            assertEquals(160.0, ((Number) index.provenance().get("checkpoint_model_time_ms")).doubleValue(), 1e-9);
            assertTrue(index.isSegmented());
            assertTrue(index.missingFiles().isEmpty());
            double reached = ((Number) index.provenance().get("model_time_reached_ms")).doubleValue();
            assertEquals(160.0, reached, 1e-9, "the index was last written with the checkpoint at 160 ms (the crash"
                    + " came at 172.9 ms)");
            try (ResultSet ref = ResultSet.open(reference)) {
                for (String report : index.reports()) {
                    ReportMetadata m = index.reportMetadata(report);
                    assertArrayEquals(ref.reportSlice(report, 0, m.rows(), 0, m.cols()),
                            index.reportSlice(report, 0, m.rows(), 0, m.cols()), 0.0, report + " up to the checkpoint");
                }
            }
        }
        RunReport resumed = Runner.run(config(out, 3, "{every_ms: 40}"), RunOptions.quiet().withResume(true));
        assertTrue(resumed.completed());
        assertEquals(160.0, resumed.resumedFromMs(), 1e-9);
        assertSameResults(reference, out);
    }

    @Test
    void resumeWithoutACheckpointStartsOverAndAFreshRunRefusesAnUnfinishedOutput() throws Exception {
        Path reference = dir.resolve("reference.h5");
        assertTrue(Runner.run(config(reference, 1, null), RunOptions.quiet()).completed());
        Path out = dir.resolve("early.h5");
        assertThrows(IllegalStateException.class, () -> Runner.run(config(out, 1, "{every_ms: 200}"),
                crashAfter(300)));
        assertFalse(Files.exists(OutputLayout.checkpointPath(out)), "killed before its first checkpoint");
        try (SonataReader r = SonataReader.open(out)) {
            assertEquals("running", r.rootAttribute("status"), "the index is written when the run starts");
        }
        IOException refused = assertThrows(IOException.class, () -> Runner.run(config(out, 1, "{every_ms: 200}"),
                RunOptions.quiet()));
        assertTrue(refused.getMessage().contains("--resume"), refused.getMessage());
        RunReport r = Runner.run(config(out, 1, "{every_ms: 200}"), RunOptions.quiet().withResume(true));
        assertTrue(r.completed());
        assertFalse(r.resumed(), "nothing to resume from: started over");
        assertSameResults(reference, out);
    }

    @Test
    void aCheckpointOfAnotherConfigIsRefusedNamingTheKeysThatDiffer() throws Exception {
        Path out = dir.resolve("changed.h5");
        Runner.run(config(out, 1, "{every_ms: 50}"), interruptAfter(700));
        Path checkpoint = OutputLayout.checkpointPath(out);
        byte[] before = Files.readAllBytes(checkpoint);
        ConfigException e = assertThrows(ConfigException.class, () -> Runner.run(
                config(out, 1, "{every_ms: 50}", "simulation.seed=12", "populations.exc.size=401"),
                RunOptions.quiet().withResume(true)));
        String m = e.getMessage();
        assertTrue(m.contains(checkpoint.toString()), m);
        assertTrue(m.contains("different config"), m);
        assertTrue(m.contains("simulation.seed is 12 here, 11 in the checkpoint's config"), m);
        assertTrue(m.contains("populations[0].size is 401 here, 400"), m);
        assertArrayEquals(before, Files.readAllBytes(checkpoint), "a refused checkpoint is left as it was");
        RunReport r = Runner.run(config(out, 4, "{every_ms: 75}", "record.memory_budget_MB=3"),
                RunOptions.quiet().withResume(true));
        assertTrue(r.completed(), "threads, the checkpoint interval and the budget may change");
    }

    /**
     * {@code --resume} on a complete output: with the config it was written for (threads and the
     * checkpoint interval may differ) there is nothing to do; with another config (a longer duration,
     * another seed) it is refused naming the keys that differ, and the output is left as it was.
     * Before, it reported the old output as this run, complete, with exit code 0.
     */
    @Test
    void resumingACompleteOutputOfAnotherConfigIsRefusedNamingTheKeysThatDiffer() throws Exception {
        Path out = dir.resolve("complete.h5");
        assertTrue(Runner.run(config(out, 1, null, "simulation.duration_ms=60"), RunOptions.quiet()).completed());
        byte[] before = Files.readAllBytes(out);
        RunReport same = Runner.run(config(out, 2, "{every_ms: 20}", "simulation.duration_ms=60"),
                RunOptions.quiet().withResume(true));
        assertTrue(same.completed());
        assertEquals(60.0, same.resumedFromMs(), 1e-9, "nothing resumed: complete");
        ConfigException e = assertThrows(ConfigException.class, () -> Runner.run(
                config(out, 1, null, "simulation.duration_ms=90", "simulation.seed=12"),
                RunOptions.quiet().withResume(true)));
        String m = e.getMessage();
        assertTrue(m.startsWith(out + ": cannot resume: this is the complete output of a different config"), m);
        assertTrue(m.contains("simulation.duration_ms is 90 here, 60 in the output's config"), m);
        assertTrue(m.contains("simulation.seed is 12 here, 11 in the output's config"), m);
        assertTrue(m.contains("write it elsewhere with -o, or replace this output with --overwrite"), m);
        assertArrayEquals(before, Files.readAllBytes(out), "the complete output is left as it was");
        assertFalse(Files.exists(OutputLayout.checkpointPath(out)), "no checkpoint written");
    }

    /**
     * {@code --resume} with no checkpoint starts over, and used to replace whatever the output path
     * held: a config given as {@code -o} by mistake was overwritten with HDF5. It replaces only a
     * run's own output (here one left by a crash before the first checkpoint); a file cortexsim did
     * not write, or another config's unfinished output, is refused and left as it was.
     */
    @Test
    void resumeWithoutACheckpointReplacesOnlyWhatARunOfThisConfigLeft() throws Exception {
        Path out = dir.resolve("mine.yaml");
        Files.writeString(out, NETWORK);
        IOException e = assertThrows(IOException.class, () -> Runner.run(config(out, 1, null,
                "simulation.duration_ms=30"), RunOptions.quiet().withResume(true)));
        assertTrue(e.getMessage().startsWith(out + ": exists and is not the output of a cortexsim run, and there is"
                + " no checkpoint to continue from, so --resume does not replace it"), e.getMessage());
        assertTrue(e.getMessage().contains("--overwrite (without --resume)"), e.getMessage());
        assertEquals(NETWORK, Files.readString(out), "left as it was");

        Path crashed = dir.resolve("crashed.h5");
        assertThrows(IllegalStateException.class, () -> Runner.run(config(crashed, 1, "{every_ms: 200}",
                "simulation.duration_ms=60"), crashAfter(100)));
        assertFalse(Files.exists(OutputLayout.checkpointPath(crashed)), "crashed before its first checkpoint");
        byte[] index = Files.readAllBytes(crashed);
        e = assertThrows(IOException.class, () -> Runner.run(config(crashed, 1, null, "simulation.duration_ms=60",
                "simulation.seed=12"), RunOptions.quiet().withResume(true)));
        assertTrue(e.getMessage().contains("is the output of a run of a different config (simulation.seed is 12"
                + " here, 11 in the output's config), and there is no checkpoint"), e.getMessage());
        assertArrayEquals(index, Files.readAllBytes(crashed), "left as it was");
        RunReport r = Runner.run(config(crashed, 1, null, "simulation.duration_ms=60"),
                RunOptions.quiet().withResume(true));
        assertTrue(r.completed(), "the same config starts over");
        assertFalse(r.resumed());
    }

    @Test
    void aDamagedTruncatedOrForeignCheckpointIsRefused() throws Exception {
        Path out = dir.resolve("damaged.h5");
        Runner.run(config(out, 1, "{every_ms: 50}"), interruptAfter(900));
        Path checkpoint = OutputLayout.checkpointPath(out);
        byte[] good = Files.readAllBytes(checkpoint);
        CheckpointFile.Contents contents = CheckpointFile.read(checkpoint);

        // a value of the state changed on disk: v of some neuron, found by its bytes
        double[] v = (double[]) contents.state().get("simulation/neurons/v");
        byte[] pattern = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(v[123])
                .array();
        int at = indexOf(good, pattern);
        assertTrue(at > 0, "v[123] is stored as little-endian float64");
        byte[] flipped = good.clone();
        flipped[at] ^= 1;
        Files.write(checkpoint, flipped);
        String m = assertThrows(ConfigException.class, () -> Runner.run(config(out, 1, "{every_ms: 50}"),
                RunOptions.quiet().withResume(true))).getMessage();
        assertTrue(m.contains("damaged") && m.contains("checksum"), m);

        Files.write(checkpoint, java.util.Arrays.copyOf(good, good.length / 2));
        m = assertThrows(ConfigException.class, () -> Runner.run(config(out, 1, "{every_ms: 50}"),
                RunOptions.quiet().withResume(true))).getMessage();
        assertTrue(m.contains("damaged or truncated") || m.contains("damaged"), m);

        Map<String, Object> attrs = new LinkedHashMap<>(contents.attributes());
        attrs.keySet().removeIf(k -> k.equals("magic") || k.equals("version") || k.startsWith("_"));
        attrs.put(Checkpoints.LAYOUT_ATTR, Checkpoints.STATE_LAYOUT + 1);
        CheckpointFile.write(checkpoint, contents.state(), attrs);
        m = assertThrows(ConfigException.class, () -> Runner.run(config(out, 1, "{every_ms: 50}"),
                RunOptions.quiet().withResume(true))).getMessage();
        assertTrue(m.contains("state layout " + (Checkpoints.STATE_LAYOUT + 1)) && m.contains("reads state layout "
                + Checkpoints.STATE_LAYOUT), m);

        Files.write(checkpoint, good);
        Path segment = OutputLayout.segmentPath(out, OutputLayout.SPIKES, 2);
        Path aside = dir.resolve("aside");
        Files.move(segment, aside);
        m = assertThrows(ConfigException.class, () -> Runner.run(config(out, 1, "{every_ms: 50}"),
                RunOptions.quiet().withResume(true))).getMessage();
        assertTrue(m.contains(segment.getFileName().toString()) && m.contains("missing"), m);
        Files.move(aside, segment);
        assertTrue(Runner.run(config(out, 1, "{every_ms: 50}"), RunOptions.quiet().withResume(true)).completed(),
                "the intact checkpoint resumes");
    }

    @Test
    void aNetworkWhoseFilesChangedIsRefused() throws Exception {
        Path edges = dir.resolve("edges.csv");
        StringBuilder csv = new StringBuilder("pre,post,weight,delay\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(',').append((i * 7) % 100).append(",50,1.0\n");
        }
        Files.writeString(edges, csv);
        Path out = dir.resolve("files.h5");
        String rule = "projections.ee.rule={type: from_file, path: '" + edges + "'}";
        Runner.run(config(out, 1, "{every_ms: 50}", rule, "projections.ee.weight=null", "projections.ee.delay_ms=null"),
                interruptAfter(700));
        Files.writeString(edges, csv.toString().replace("\n3,21,50,", "\n3,21,51,"));
        String m = assertThrows(ConfigException.class, () -> Runner.run(config(out, 1, "{every_ms: 50}", rule,
                "projections.ee.weight=null", "projections.ee.delay_ms=null"), RunOptions.quiet().withResume(true)))
                .getMessage();
        assertTrue(m.contains("network") && m.contains("changed"), m);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
