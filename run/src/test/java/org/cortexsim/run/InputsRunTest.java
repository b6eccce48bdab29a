package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs on some neurons and the step_current and sinusoidal inputs, run end to end: a subset's
 * neurons behave as a population of just those neurons under the input, the others as without it;
 * noise and Poisson on a subset give the selected neurons what the whole population gets; the
 * recorded I of a sinusoidal input is the formula of the step's time; a network with every input
 * type on subsets resumes from a checkpoint and runs partitioned bit for bit as in one go.
 */
class InputsRunTest {
    @TempDir
    Path dir;

    private static final String HEAD = """
            simulation: {dt_ms: 0.1, duration_ms: 200, seed: 3}
            populations: [{name: p, model: RS, size: SIZE}]
            record: {spikes: true, state: [{name: trace, population: p, variables: [v, I], dtype: float64}]}
            inputs:
              - {type: dc, population: p, amplitude_pA: 30}
            """;

    private static final String SUBSET_INPUTS = """
              - {type: step_current, population: p, times_ms: [20, 80.05, 150], amplitudes_pA: [70, 150, 40]NEURONS}
              - {type: sinusoidal, population: p, amplitude_pA: 60, frequency_Hz: 15, offset_pA: 20, phase_deg: 45, start_ms: 10, stop_ms: 190NEURONS}
              - {type: dc, population: p, amplitude_pA: 12.5NEURONS}
            """;

    private Path run(String name, String text, String... overrides) throws Exception {
        List<String> all = new ArrayList<>(List.of("output.path='" + dir.resolve(name + ".h5") + "'"));
        all.addAll(List.of(overrides));
        Config c = new ConfigLoader().parse(text, name + ".yaml", dir, all);
        RunReport r = Runner.run(c, RunOptions.quiet());
        assertTrue(r.completed(), r.status());
        return r.output();
    }

    /** Column {@code col} of report {@code report} (all rows). */
    private static double[] column(Path out, String report, int col) throws Exception {
        try (ResultSet r = ResultSet.open(out)) {
            ReportMetadata m = r.reportMetadata(report);
            return r.reportSlice(report, 0, m.rows(), col, 1);
        }
    }

    private static int columns(Path out) throws Exception {
        try (ResultSet r = ResultSet.open(out)) {
            return r.reportMetadata("trace_v").cols();
        }
    }

    /** v of column {@code neuron}, one row per sample. */
    private static double[] v(Path out, int neuron) throws Exception {
        return column(out, "trace_v", neuron);
    }

    /** I of column {@code neuron}: row s is the input of step s - 1. */
    private static double[] current(Path out, int neuron) throws Exception {
        return column(out, "trace_I", neuron);
    }

    @Test
    void selectedNeuronsBehaveAsAPopulationOfJustThemAndTheOthersAsWithoutTheInput() throws Exception {
        int[] selected = {2, 5, 7};
        Path some = run("some", HEAD.replace("SIZE", "10") + SUBSET_INPUTS.replace("NEURONS", ", neurons: [7, 2, 5]"));
        Path just = run("just", HEAD.replace("SIZE", "3") + SUBSET_INPUTS.replace("NEURONS", ""));
        Path without = run("without", HEAD.replace("SIZE", "10"));
        assertEquals(10, columns(some));
        for (int i = 0; i < 10; i++) {
            int k = java.util.Arrays.binarySearch(selected, i);
            Path expected = k >= 0 ? just : without;
            int col = k >= 0 ? k : i;
            assertArrayEquals(v(expected, col), v(some, i), 0.0, "v of neuron " + i);
            assertArrayEquals(current(expected, col), current(some, i), 0.0, "I of neuron " + i);
        }
        assertTrue(java.util.Arrays.stream(v(some, 2)).anyMatch(x -> x >= 35), "a selected neuron fires");
    }

    @Test
    void noiseAndPoissonOnASubsetGiveTheSelectedNeuronsTheWholePopulationsDraws() throws Exception {
        String noise = "  - {type: noise, population: p, mean_pA: 20, sigma_pA: 300NEURONS}\n";
        String poisson = "  - {type: poisson, population: p, rate_Hz: 800, weight: 40, synapse: {model: delta}NEURONS}\n";
        Path without = run("without", HEAD.replace("SIZE", "10"));
        for (String input : List.of(noise, poisson)) {
            int[] selected = input == noise ? new int[] {1, 4, 8} : new int[] {0, 3, 6, 9};
            String neurons = input == noise ? ", neurons: [8, 1, 4]" : ", neurons: {start: 0, stop: 10, step: 3}";
            String name = input == noise ? "noise" : "poisson";
            Path all = run(name + "_all", HEAD.replace("SIZE", "10") + input.replace("NEURONS", ""));
            Path some = run(name + "_some", HEAD.replace("SIZE", "10") + input.replace("NEURONS", neurons));
            for (int i = 0; i < 10; i++) {
                boolean in = java.util.Arrays.binarySearch(selected, i) >= 0;
                assertArrayEquals(v(in ? all : without, i), v(some, i), 0.0, name + ": v of neuron " + i);
                assertArrayEquals(current(in ? all : without, i), current(some, i), 0.0, name + ": I of neuron " + i);
            }
            assertFalse(java.util.Arrays.equals(current(all, selected[0]), current(without, selected[0])),
                    name + " drives the neuron");
        }
    }

    @Test
    void theRecordedCurrentOfASinusoidIsTheFormulaAtEachStepsTime() throws Exception {
        Path out = run("ac", """
                simulation: {dt_ms: 0.1, duration_ms: 300, seed: 3}
                populations: [{name: p, model: RS, size: 2}]
                record: {spikes: true, state: [{name: trace, population: p, variables: [v, I], dtype: float64}]}
                inputs:
                  - {type: sinusoidal, population: p, amplitude_pA: 40, frequency_Hz: 12.5, offset_pA: 10, phase_deg: -30, start_ms: 25.05, stop_ms: 250}
                """);
        double[] recorded = current(out, 1);
        assertEquals(3001, recorded.length);
        double omega = 2 * Math.PI * 12.5 / 1000;
        double phase = -30 * Math.PI / 180;
        for (int row = 1; row < recorded.length; row++) {
            long n = row - 1; // sample s holds the input of step s - 1, whose time is (s - 1) dt
            double t = n * 0.1;
            boolean on = n >= 251 && n < 2500; // 25.05 ms applies from step 251, 250 ms stops at step 2500
            double sine = on ? 10 + 40 * Math.sin(2 * Math.PI * 12.5 * t / 1000 + -30 * Math.PI / 180) : 0;
            double strict = on ? 10 + 40 * StrictMath.sin(omega * t + phase) : 0;
            assertEquals(sine, recorded[row], 1e-12, "row " + row);
            assertEquals(strict, recorded[row], 0.0, "row " + row + ": the documented formula, bit for bit");
        }
    }

    /** A network with every input type, most on subsets, and delays for the partitions' exchange. */
    static final String NETWORK = """
            simulation: {dt_ms: 0.1, duration_ms: 250, seed: 21}
            populations:
              - {name: exc, model: RS, size: 300, initial: {v: {type: uniform, low: -70, high: -55}}}
              - {name: inh, model: FS, size: 80}
            projections:
              - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.05}, weight: 40, delay_ms: {type: uniform, low: 1, high: 4}, synapse: {model: exp_current, tau_ms: 5}}
              - {name: ei, pre: exc, post: inh, rule: {type: fixed_probability, p: 0.1}, weight: 60, delay_ms: 1}
              - {name: ie, pre: inh, post: exc, rule: {type: fixed_indegree, k: 10}, weight: -80, delay_ms: 1.5}
            inputs:
              - {type: noise, population: exc, mean_pA: 40, sigma_pA: 60, neurons: {start: 10, stop: 300, step: 2}}
              - {type: step_current, population: exc, times_ms: [30, 90.05, 160], amplitudes_pA: [60, 20, 80], neurons: {start: 100, stop: 260}}
              - {type: sinusoidal, population: inh, amplitude_pA: 50, frequency_Hz: 8, offset_pA: 30, neurons: [3, 79, 40, 41, 0]}
              - {type: dc, population: inh, amplitude_pA: {type: uniform, low: 20, high: 60}, start_ms: 20, neurons: {start: 5, stop: 80, step: 3}}
              - {type: poisson, population: exc, rate_Hz: 400, weight: 10, delay_ms: 1, synapse: {model: exp_current, tau_ms: 5}, neurons: [0, 299, 150, 151, 152, 7]}
            record:
              spikes: true
              state:
                - {name: exc_v, population: exc, variables: [v, I], neurons: {start: 0, stop: 300, step: 7}, dtype: float64}
                - {name: inh_v, population: inh, variables: [v, I], neurons: all, dtype: float64}
            """;

    private Config network(String name, String... overrides) throws Exception {
        List<String> all = new ArrayList<>(List.of("output.path='" + dir.resolve(name + ".h5") + "'"));
        all.addAll(List.of(overrides));
        return new ConfigLoader().parse(NETWORK, name + ".yaml", dir, all);
    }

    @Test
    void aNetworkWithInputsOnSubsetsResumesBitForBit() throws Exception {
        Path reference = Runner.run(network("reference"), RunOptions.quiet()).output();
        assertTrue(CheckpointResumeTest.spikeTotal(reference) > 300, "the network fires: "
                + CheckpointResumeTest.spikeTotal(reference));
        Config checkpointed = network("stopped", "simulation.checkpoint={every_ms: 50}");
        RunReport stopped = Runner.run(checkpointed, CheckpointResumeTest.interruptAfter(1281));
        assertFalse(stopped.completed(), stopped.status());
        assertTrue(java.nio.file.Files.exists(OutputLayout.checkpointPath(stopped.output())));
        RunReport resumed = Runner.run(network("stopped", "simulation.checkpoint={every_ms: 50}",
                "simulation.threads=2"), RunOptions.quiet().withResume(true));
        assertTrue(resumed.completed() && resumed.resumed(), resumed.status());
        assertTrue(resumed.resumedFromMs() >= 128, "resumed from " + resumed.resumedFromMs());
        CheckpointResumeTest.assertSameResults(reference, resumed.output());
    }

    @Test
    void aPartitionedNetworkWithInputsOnSubsetsReadsAsOneProcess() throws Exception {
        RunReport one = Runner.run(network("one"), RunOptions.quiet());
        RunReport split = PartitionedRun.runInProcess(network("split"), 3, RunOptions.quiet());
        assertTrue(split.completed(), split.status());
        try (ResultSet a = ResultSet.open(one.output()); ResultSet b = ResultSet.open(split.output());
                SonataReader main = SonataReader.open(split.output())) {
            for (String pop : a.spikePopulations()) {
                assertArrayEquals(a.spikes(pop).nodeIds(), main.spikes(pop).nodeIds(), pop);
                assertArrayEquals(a.spikes(pop).timestampsMs(), main.spikes(pop).timestampsMs(), pop);
            }
            assertEquals(a.reports(), b.reports());
            for (String report : a.reports()) {
                PartitionedRunTest.sameReport(a, b, report);
            }
        }
    }
}
