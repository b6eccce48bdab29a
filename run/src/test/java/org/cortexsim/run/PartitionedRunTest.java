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
 * table, and {@link ResultSet} reads them as one run. A plastic network with a spike source reads
 * as the run in one process too (spikes, reports, plasticity statistics), and its partitions'
 * final weights merge into the whole network's edges; weight reports (and rule state reports) are refused.
 */
class PartitionedRunTest {
    @TempDir
    Path dir;

    static final String DELAYS = TestConfigs.text("partitioned_delays.yaml");

    static String cortex() throws Exception {
        return Files.readString(Path.of("..", "examples", "cortex.yaml"));
    }

    /** The cortex example with NEST's count rules: fixed_outdegree from exc, fixed_total_number from inh. */
    static String nestRules() throws Exception {
        String text = cortex();
        String ee = "{name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.1}";
        String ei = "{name: ei, pre: exc, post: inh, rule: {type: fixed_probability, p: 0.1}";
        String ie = "{name: ie, pre: inh, post: exc, rule: {type: fixed_probability, p: 0.1}";
        String ii = "{name: ii, pre: inh, post: inh, rule: {type: fixed_probability, p: 0.1}";
        for (String rule : List.of(ee, ei, ie, ii)) {
            assertTrue(text.contains(rule), rule);
        }
        return text.replace(ee, "{name: ee, pre: exc, post: exc, rule: {type: fixed_outdegree, k: 80}")
                .replace(ei, "{name: ei, pre: exc, post: inh, rule: {type: fixed_outdegree, k: 20}")
                .replace(ie, "{name: ie, pre: inh, post: exc, rule: {type: fixed_total_number, n: 16000}")
                .replace(ii, "{name: ii, pre: inh, post: inh, rule: {type: fixed_total_number, n: 4000,"
                        + " allow_multapses: false}");
    }

    Config config(String text, String name, String... overrides) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("output.path='" + dir.resolve(name + ".h5") + "'"));
        all.addAll(List.of(overrides));
        return new ConfigLoader().parse(text, name + ".yaml", all);
    }

    @ParameterizedTest(name = "{0}, K = {1}")
    @CsvSource({"cortex, 1", "cortex, 2", "cortex, 3", "delays, 2", "delays, 3", "nestRules, 3"})
    void aPartitionedRunReadsExactlyAsTheRunInOneProcess(String network, int k) throws Exception {
        String text = switch (network) {
            case "cortex" -> cortex();
            case "nestRules" -> nestRules();
            default -> DELAYS;
        };
        String[] shorter = network.equals("delays") ? new String[0] : new String[] {"simulation.duration_ms=300"};
        RunReport one = Runner.run(config(text, "one", shorter), RunOptions.quiet());
        RunReport split = PartitionedRun.runInProcess(config(text, "split", shorter), k, RunOptions.quiet());
        assertTrue(split.completed(), split.status());
        assertEquals(one.stepsDone(), split.stepsDone());
        assertEquals(one.synapses(), split.synapses(), "the partitions hold the whole network's synapses");
        if (network.equals("nestRules")) {
            Config c = config(text, "estimate", shorter);
            assertEquals(800L * 80 + 800L * 20 + 16000 + 4000, one.synapses(), "exact counts");
            assertEquals(one.synapses(), Estimate.of(c).synapses(), "validate's estimate is the exact count");
        }
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
            assertEquals(network.equals("delays") ? 10L : 5L, main.rootAttribute("exchange_window_steps"));
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
     * process, and its checkpoints are gone; a plastic network also with its plasticity statistics
     * (the weights at the start are those built, not those restored).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"delays", "plastic"})
    void anInterruptedPartitionedRunResumesToTheResultOfOneProcess(String network) throws Exception {
        String text = network.equals("plastic") ? plastic() : DELAYS;
        RunReport one = Runner.run(config(text, "one"), RunOptions.quiet());
        Config checkpointed = config(text, "split", "simulation.checkpoint.every_ms=40");
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
        RunReport resumed = PartitionedRun.runInProcess(config(text, "split", "simulation.checkpoint.every_ms=40",
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
        List<org.cortexsim.results.PlasticityInfo> x = org.cortexsim.results.PlasticityInfo.read(one.output());
        List<org.cortexsim.results.PlasticityInfo> y = org.cortexsim.results.PlasticityInfo.read(resumed.output());
        assertEquals(network.equals("plastic") ? 4 : 0, x.size());
        assertEquals(x.size(), y.size());
        for (int i = 0; i < x.size(); i++) {
            assertArrayEquals(x.get(i).initialStats(), y.get(i).initialStats(), 0.0, x.get(i).projection());
            assertArrayEquals(x.get(i).finalStats(), y.get(i).finalStats(), 0.0, x.get(i).projection());
            assertArrayEquals(x.get(i).histogramFinal(), y.get(i).histogramFinal(), x.get(i).projection());
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

    /**
     * A plastic network with a spike source: E->E under STDP with per-synapse delays of 1-20 ms,
     * the source onto E under multiplicative STDP with one delay, E->I under Tsodyks-Markram with
     * one delay of 1 ms (the window) and I->E with per-synapse delays of 1-3 ms; Poisson and noise
     * input, a v report.
     */
    static String plastic() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(17);
        StringBuilder trains = new StringBuilder("[");
        for (int i = 0; i < 30; i++) {
            trains.append(i == 0 ? "[" : ", [");
            int n = 0;
            for (double t = r.nextDouble(20); t < 245; t += 4 + r.nextDouble(30)) {
                trains.append(n++ == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.2f", t));
            }
            trains.append(']');
        }
        trains.append(']');
        return """
                simulation: {dt_ms: 0.1, duration_ms: 250, seed: 5}
                populations:
                  - {name: exc, model: RS, size: 600, initial: {v: {type: uniform, low: -65, high: -55}}}
                  - {name: src, model: spike_source, spike_times_ms: TRAINS}
                  - {name: inh, model: FS, size: 150}
                projections:
                  - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.05}, weight: {type: uniform, low: 100, high: 500},
                     delay_ms: {type: uniform, low: 1, high: 20}, plasticity: {rule: stdp, A_plus: 10, A_minus: 11, w_max: 800}}
                  - {name: se, pre: src, post: exc, rule: {type: fixed_probability, p: 0.2}, weight: 300, delay_ms: 2,
                     plasticity: {rule: stdp, A_plus: 10, A_minus: 10, w_max: 600, weight_dependence: multiplicative}}
                  - {name: ei, pre: exc, post: inh, rule: {type: fixed_probability, p: 0.1}, weight: 200, delay_ms: 1,
                     plasticity: {rule: tsodyks_markram, U: 0.3, tau_rec_ms: 200, tau_fac_ms: 30}}
                  - {name: ie, pre: inh, post: exc, rule: {type: fixed_probability, p: 0.1}, weight: -300,
                     delay_ms: {type: uniform, low: 1, high: 3}, plasticity: {rule: tsodyks_markram, U: 0.5, tau_rec_ms: 100}}
                inputs:
                  - {type: noise, population: exc, mean_pA: 70, sigma_pA: 60}
                  - {type: dc, population: inh, amplitude_pA: 80}
                  - {type: poisson, population: exc, rate_Hz: 500, weight: 20, delay_ms: 1.5}
                record:
                  spikes: true
                  state:
                    - {name: exc_v, population: exc, variables: [v], neurons: {start: 0, stop: 600, step: 37}, dtype: float64}
                """.replace("TRAINS", trains);
    }

    /**
     * The plastic network in K = 1, 2, 3 partitions reads as the run in one process: the same
     * spikes and v report, and the same plasticity statistics and histograms at the start and the
     * end (computed from every partition's weights merged into the whole network's order).
     */
    @ParameterizedTest(name = "plastic, K = {0}")
    @CsvSource({"1", "2", "3"})
    void aPlasticPartitionedRunReadsExactlyAsTheRunInOneProcess(int k) throws Exception {
        RunReport one = Runner.run(config(plastic(), "one"), RunOptions.quiet());
        RunReport split = PartitionedRun.runInProcess(config(plastic(), "split"), k, RunOptions.quiet());
        assertTrue(split.completed(), split.status());
        assertEquals(one.synapticEvents(), split.synapticEvents(), "as many arrivals");
        try (ResultSet a = ResultSet.open(one.output()); ResultSet b = ResultSet.open(split.output())) {
            long total = 0;
            for (String pop : a.spikePopulations()) {
                assertArrayEquals(a.spikes(pop).nodeIds(), b.spikes(pop).nodeIds(), pop);
                assertArrayEquals(a.spikes(pop).timestampsMs(), b.spikes(pop).timestampsMs(), pop);
                assertTrue(a.spikeCount(pop) > 100, pop + " spikes: " + a.spikeCount(pop));
                total += a.spikeCount(pop);
            }
            assertTrue(total > 1000, "an active network: " + total);
            for (String report : a.reports()) {
                sameReport(a, b, report);
            }
        }
        List<org.cortexsim.results.PlasticityInfo> x = org.cortexsim.results.PlasticityInfo.read(one.output());
        List<org.cortexsim.results.PlasticityInfo> y = org.cortexsim.results.PlasticityInfo.read(split.output());
        assertEquals(List.of("ee", "se", "ei", "ie"), x.stream().map(org.cortexsim.results.PlasticityInfo::projection)
                .toList());
        assertEquals(x.size(), y.size());
        for (int i = 0; i < x.size(); i++) {
            var p = x.get(i);
            var q = y.get(i);
            assertEquals(p.projection(), q.projection());
            assertEquals(p.rule(), q.rule());
            assertEquals(p.parameters(), q.parameters());
            assertEquals(p.units(), q.units());
            assertEquals(p.synapses(), q.synapses(), p.projection());
            assertArrayEquals(p.initialStats(), q.initialStats(), 0.0, p.projection() + " at the start");
            assertArrayEquals(p.finalStats(), q.finalStats(), 0.0, p.projection() + " at the end");
            assertArrayEquals(p.histogramEdges(), q.histogramEdges(), 0.0, p.projection());
            assertArrayEquals(p.histogramInitial(), q.histogramInitial(), p.projection());
            assertArrayEquals(p.histogramFinal(), q.histogramFinal(), p.projection());
        }
        assertTrue(x.get(0).finalStats()[org.cortexsim.results.PlasticityInfo.MEAN]
                != x.get(0).initialStats()[org.cortexsim.results.PlasticityInfo.MEAN], "STDP changed the E->E weights");
    }

    /**
     * The final weights every partition answers with, merged column by column in partition order,
     * are the whole network's weights in its storage order, bit for bit: the edges ({@code
     * syn_weight}, {@code syn_weight_initial}) the run in one process writes.
     */
    @Test
    void thePartitionsPlasticWeightsMergeIntoTheWholeNetworksEdgeOrder() throws Exception {
        RunReport one = Runner.run(config(plastic(), "one", "output.edges=true"), RunOptions.quiet());
        Config split = config(plastic(), "split");
        int k = 3;
        var partitioning = org.cortexsim.run.build.Partitioning.of(split, k);
        Path main = split.output().path().toAbsolutePath().normalize();
        List<PartitionedRun.Member> members = new java.util.ArrayList<>();
        for (int p = 0; p < k; p++) {
            members.add(PartitionedRun.prepare(split, partitioning, p, main, false));
        }
        org.cortexsim.network.InProcessExchange exchange = new org.cortexsim.network.InProcessExchange(k, 600);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(k);
        List<PartitionedRun.Outcome> outcomes = new java.util.ArrayList<>();
        try {
            List<java.util.concurrent.Future<PartitionedRun.Outcome>> futures = new java.util.ArrayList<>();
            for (int p = 0; p < k; p++) {
                final int part = p;
                futures.add(pool.submit(() -> members.get(part).run(exchange.partition(part), RunOptions.quiet())));
            }
            for (var f : futures) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
            members.forEach(PartitionedRun.Member::close);
        }
        try (SonataReader r = SonataReader.open(one.output())) {
            for (String projection : List.of("ee", "se", "ei", "ie")) {
                List<PartitionedRun.PlasticPart> parts = outcomes.stream().map(o -> o.plastic().stream()
                        .filter(p -> p.projection().equals(projection)).findFirst().orElseThrow()).toList();
                if (projection.endsWith("e")) {
                    // onto exc, which every partition holds part of (inh is in the last)
                    assertTrue(parts.stream().allMatch(p -> p.weights().length > 0), projection + " in every partition");
                }
                assertArrayEquals(r.doubles("/edges/" + projection + "/0/syn_weight"),
                        PartitionedRun.PlasticPart.merge(parts, false), 0.0, projection + " final weights");
                assertArrayEquals(r.doubles("/edges/" + projection + "/0/syn_weight_initial"),
                        PartitionedRun.PlasticPart.merge(parts, true), 0.0, projection + " initial weights");
            }
        }
    }

    @Test
    void weightReportsAreRefusedBeforeAnythingRuns() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> PartitionedRun.runInProcess(
                config(plastic() + "  weights: [{name: ee_w, projection: ee, every_ms: 10}]\n", "weights"), 2,
                RunOptions.quiet()));
        assertTrue(e.getMessage().contains("record.weights") && e.getMessage().contains("ee_w")
                && e.getMessage().contains("one process"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("weights.h5")));
        ConfigException state = assertThrows(ConfigException.class, () -> PartitionedRun.runInProcess(
                config(plastic() + "  weights: [{name: ee_x, projection: ee, every_ms: 10, variables: [w, x_pre]}]\n",
                        "state"), 2, RunOptions.quiet()));
        assertTrue(state.getMessage().contains("weights or a rule's state") && state.getMessage().contains("ee_x"),
                state.getMessage());
        assertFalse(Files.exists(dir.resolve("state.h5")));
    }
}
