package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A partitioned run ({@link PartitionedRun#runInProcess}: K partitions on threads, each writing
 * its own segment files, then the driver's main file) gives a run that reads exactly as the same
 * config run in one process: the cortex example (shortened) and a network with delays of 1-20 ms,
 * Poisson input, exp_current synapses and reports of v, u, I and a synapse field, for K = 1, 2, 3.
 * Within the memory budget the files are those of a run in one process (spikes in the main file,
 * one file per report, no parts left); with a tiny budget the parts stay, listed in the segment
 * table, and {@link ResultSet} reads them as one run.
 */
class PartitionedRunTest {
    @TempDir
    Path dir;

    static final String DELAYS = TestConfigs.text("partitioned_delays.yaml");

    static String cortex() throws Exception {
        return Files.readString(Path.of("..", "examples", "cortex.yaml"));
    }

    Config config(String text, String name, String... overrides) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("output.path='" + dir.resolve(name + ".h5") + "'"));
        all.addAll(List.of(overrides));
        return new ConfigLoader().parse(text, name + ".yaml", all);
    }

    @ParameterizedTest(name = "{0}, K = {1}")
    @CsvSource({"cortex, 1", "cortex, 2", "cortex, 3", "delays, 2", "delays, 3"})
    void aPartitionedRunReadsExactlyAsTheRunInOneProcess(String network, int k) throws Exception {
        String text = network.equals("cortex") ? cortex() : DELAYS;
        String[] shorter = network.equals("cortex") ? new String[] {"simulation.duration_ms=300"} : new String[0];
        RunReport one = Runner.run(config(text, "one", shorter), RunOptions.quiet());
        RunReport split = PartitionedRun.runInProcess(config(text, "split", shorter), k, RunOptions.quiet());
        assertTrue(split.completed(), split.status());
        assertEquals(one.stepsDone(), split.stepsDone());
        assertEquals(one.synapses(), split.synapses(), "the partitions hold the whole network's synapses");
        assertEquals(one.synapticEvents(), split.synapticEvents(), "and walk as many");
        for (int p = 0; p < one.populations().size(); p++) {
            assertEquals(one.populations().get(p).spikes(), split.populations().get(p).spikes());
        }
        try (ResultSet a = ResultSet.open(one.output()); ResultSet b = ResultSet.open(split.output());
                SonataReader main = SonataReader.open(split.output())) {
            assertFalse(b.isSegmented(), "within the budget a partitioned run leaves no parts");
            assertEquals(a.spikePopulations(), main.spikePopulations(), "spikes merged into the main file");
            long total = 0;
            for (String pop : a.spikePopulations()) {
                SpikeData x = a.spikes(pop);
                SpikeData y = main.spikes(pop);
                assertArrayEquals(x.nodeIds(), y.nodeIds(), pop);
                assertArrayEquals(x.timestampsMs(), y.timestampsMs(), pop);
                total += x.count();
            }
            assertTrue(total > 500, "an active network: " + total);
            assertEquals(a.reports(), b.reports());
            for (String report : a.reports()) {
                sameReport(a, b, report);
            }
            assertEquals((long) k, main.rootAttribute("partitions"));
            assertEquals("completed", main.rootAttribute("status"));
            assertEquals((long) org.cortexsim.run.build.SimulationFactory.windowSteps(config(text, "w", shorter)),
                    main.rootAttribute("exchange_window_steps"), "validate's window is the run's");
            assertEquals(network.equals("cortex") ? 5L : 10L, main.rootAttribute("exchange_window_steps"));
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains(".part")),
                    "the parts merged into the run's files are deleted");
        }
    }

    static void sameReport(ResultSet a, ResultSet b, String report) throws Exception {
        ReportMetadata ma = a.reportMetadata(report);
        ReportMetadata mb = b.reportMetadata(report);
        assertArrayEquals(ma.nodeIds(), mb.nodeIds(), report);
        assertEquals(ma.rows(), mb.rows(), report);
        assertEquals(ma.startMs(), mb.startMs(), report);
        assertEquals(ma.stopMs(), mb.stopMs(), report);
        assertEquals(ma.units(), mb.units(), report);
        assertArrayEquals(a.reportSlice(report, 0, ma.rows(), 0, ma.cols()),
                b.reportSlice(report, 0, mb.rows(), 0, mb.cols()), report);
    }

    @Test
    void beyondTheBudgetThePartsStayAndReadAsOneRun() throws Exception {
        RunReport one = Runner.run(config(DELAYS, "one"), RunOptions.quiet());
        RunReport split = PartitionedRun.runInProcess(config(DELAYS, "split", "record.memory_budget_MB=1"), 3,
                RunOptions.quiet());
        assertTrue(split.completed(), split.status());
        try (ResultSet a = ResultSet.open(one.output()); ResultSet b = ResultSet.open(split.output())) {
            assertTrue(b.isSegmented());
            assertTrue(b.segments().stream().anyMatch(s -> s.part() == 2), "the parts are listed");
            assertTrue(b.missingFiles().isEmpty());
            for (String pop : a.spikePopulations()) {
                assertArrayEquals(a.spikes(pop).nodeIds(), b.spikes(pop).nodeIds(), pop);
                assertArrayEquals(a.spikes(pop).timestampsMs(), b.spikes(pop).timestampsMs(), pop);
                assertArrayEquals(a.spikes(pop, 100, 150).nodeIds(), b.spikes(pop, 100, 150).nodeIds(), pop);
                assertEquals(a.spikeCount(pop), b.spikeCount(pop));
            }
            for (String report : a.reports()) {
                sameReport(a, b, report);
                ReportMetadata m = a.reportMetadata(report);
                if (m.rows() > 40 && m.cols() > 5) {
                    // a block across partitions and segments
                    assertArrayEquals(a.reportSlice(report, 13, 27, 2, m.cols() - 4),
                            b.reportSlice(report, 13, 27, 2, m.cols() - 4), report);
                }
            }
        }
    }

    /**
     * A partitioned run that checkpoints, interrupted part way, leaves every partition's checkpoint
     * (all at the same step) and its recordings in segments indexed by the main file; run again with
     * resume (on another thread count), it completes with the files and spikes of the run in one
     * process, and its checkpoints are gone.
     */
    @Test
    void anInterruptedPartitionedRunResumesToTheResultOfOneProcess() throws Exception {
        RunReport one = Runner.run(config(DELAYS, "one"), RunOptions.quiet());
        Config checkpointed = config(DELAYS, "split", "simulation.checkpoint.every_ms=40");
        java.util.concurrent.atomic.AtomicBoolean interrupt = new java.util.concurrent.atomic.AtomicBoolean();
        RunOptions stopping = new RunOptions(p -> {
            if (p.modelTimeMs() > 120) {
                interrupt.set(true);
            }
        }, 1e-9, interrupt);
        RunReport first = PartitionedRun.runInProcess(checkpointed, 3, stopping);
        assertFalse(first.completed(), first.status());
        assertTrue(first.status().startsWith("interrupted at t = "), first.status());
        for (int p = 0; p < 3; p++) {
            assertTrue(Files.isRegularFile(org.cortexsim.results.OutputLayout.partCheckpointPath(first.output(), p)));
        }
        try (SonataReader main = SonataReader.open(first.output())) {
            assertEquals(main.rootAttribute("model_time_reached_ms"), main.rootAttribute("checkpoint_model_time_ms"),
                    "checkpointed where it stopped");
        }
        RunReport resumed = PartitionedRun.runInProcess(config(DELAYS, "split", "simulation.checkpoint.every_ms=40",
                "simulation.threads=2"), 3, RunOptions.quiet().withResume(true));
        assertTrue(resumed.completed(), resumed.status());
        assertTrue(resumed.resumed() && resumed.resumedFromMs() > 120, "resumed from " + resumed.resumedFromMs());
        try (ResultSet a = ResultSet.open(one.output()); ResultSet b = ResultSet.open(resumed.output());
                SonataReader main = SonataReader.open(resumed.output())) {
            assertFalse(b.isSegmented(), "the resumed run ends with the files of a run in one process");
            for (String pop : a.spikePopulations()) {
                assertArrayEquals(a.spikes(pop).nodeIds(), main.spikes(pop).nodeIds(), pop);
                assertArrayEquals(a.spikes(pop).timestampsMs(), main.spikes(pop).timestampsMs(), pop);
            }
            for (String report : a.reports()) {
                sameReport(a, b, report);
            }
        }
        for (int p = 0; p < 3; p++) {
            assertFalse(Files.exists(org.cortexsim.results.OutputLayout.partCheckpointPath(first.output(), p)));
        }
    }

    @Test
    void connectivityOutputIsRefusedBeforeAnythingRuns() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> PartitionedRun.runInProcess(
                config(DELAYS, "edges", "output.edges=true"), 2, RunOptions.quiet()));
        assertTrue(e.getMessage().contains("output.edges"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("edges.h5")));
    }
}
