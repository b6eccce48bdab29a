package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.cortexsim.config.ConfigException;
import org.cortexsim.results.EdgeData;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State-report selections record exactly the samples asked for (checked against a second run of
 * the same network recording everything), segmented or not; and connectivity written with
 * {@code output: {edges: true}} and read back with {@code rule: {type: from_file}} gives the same
 * spikes, a projection without synapses included (listed as an empty edge population, which h5py
 * and libsonata see as such).
 */
class SelectionAndEdgesTest {
    @TempDir
    Path dir;

    private static final String NETWORK = TestConfigs.text("selection_network.yaml");

    private static final String[] RANDOM = {
        "rule: {type: fixed_probability, p: 0.1}, weight: {type: uniform, low: 40, high: 80},"
                + " delay_ms: {type: uniform, low: 0.5, high: 2.5},",
        "rule: {type: fixed_probability, p: 0.1}, weight: {type: normal, mean: 300, sd: 50},"
                + " delay_ms: {type: uniform, low: 0.3, high: 1.7},",
        "rule: {type: fixed_probability, p: 0.1}, weight: -1200, delay_ms: 0.7,"};

    private Path run(String name, String[] projections, String record, String output) throws Exception {
        return TestConfigs.run(dir, name, String.format(NETWORK, (Object[]) projections) + record, output);
    }

    private static final String ALL = """
            record:
              spikes: true
              state:
                - {name: everything, population: exc, variables: [v, u, I, I_syn], neurons: all}
                - {name: inh_I, population: inh, variables: [I], neurons: all}
            """;

    private static final String SELECTED = """
            record:
              spikes: [exc]
              %s
              state:
                - {name: ids, population: exc, variables: [v], neurons: [17, 3, 99]}
                - {name: range, population: exc, variables: [u], neurons: {start: 2, stop: 50, step: 7},
                   every_steps: 3, start_ms: 10, stop_ms: 20.05}
                - {name: syn, population: exc, variables: [I_syn], neurons: all, every_steps: 2, start_ms: 150}
                - {name: qualified, population: exc, variables: [exp_current.I_syn], neurons: [5], stop_ms: 30}
                - {name: current, population: inh, variables: [I], neurons: {start: 0, stop: 30, step: 1}, every_steps: 2}
            """;

    /** Rows of report {@code name} of the full recording: samples {@code first, first+every, ...} below {@code end}. */
    private static double[] expected(ResultSet all, String report, int[] cols, long first, long every, long end)
            throws Exception {
        ReportMetadata m = all.reportMetadata(report);
        double[] full = all.reportSlice(report, 0, m.rows(), 0, m.cols());
        int rows = (int) ((end - first + every - 1) / every);
        double[] out = new double[rows * cols.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols.length; c++) {
                out[r * cols.length + c] = full[(int) (first + r * every) * m.cols() + cols[c]];
            }
        }
        return out;
    }

    private static void check(ResultSet all, ResultSet sel, String report, String fullReport, int[] cols, long first,
            long every, long end) throws Exception {
        ReportMetadata m = sel.reportMetadata(report);
        double[] want = expected(all, fullReport, cols, first, every, end);
        assertEquals(want.length / cols.length, m.rows(), report + " rows");
        assertEquals(first * 0.1, m.startMs(), 1e-9, report + " start");
        assertEquals(every * 0.1, m.dtMs(), 1e-9, report + " interval");
        long[] ids = new long[cols.length];
        for (int c = 0; c < cols.length; c++) {
            ids[c] = cols[c];
        }
        assertArrayEquals(ids, m.nodeIds(), report + " node ids");
        assertArrayEquals(want, sel.reportSlice(report, 0, m.rows(), 0, m.cols()), 0.0, report);
    }

    @ParameterizedTest(name = "budget: {0}")
    @ValueSource(strings = {"", "memory_budget_MB: 1"})
    void eachSelectionRecordsExactlyTheRightSamples(String budget) throws Exception {
        Path all = run("all", RANDOM, ALL, "");
        Path sel = run("sel", RANDOM, String.format(SELECTED, budget), "");
        int[] everyExc = java.util.stream.IntStream.range(0, 120).toArray();
        try (ResultSet a = ResultSet.open(all); ResultSet s = ResultSet.open(sel)) {
            assertEquals(!budget.isEmpty(), s.isSegmented());
            if (s.isSegmented()) {
                assertTrue(s.segments("syn").size() >= 2, "syn segments " + s.segments("syn"));
            }
            check(a, s, "ids", "everything_v", new int[] {17, 3, 99}, 0, 1, 4001);
            check(a, s, "range", "everything_u", new int[] {2, 9, 16, 23, 30, 37, 44}, 100, 3, 201);
            check(a, s, "syn", "everything_I_syn", everyExc, 1500, 2, 4001);
            check(a, s, "qualified", "everything_I_syn", new int[] {5}, 0, 1, 300);
            check(a, s, "current", "inh_I", java.util.stream.IntStream.range(0, 30).toArray(), 0, 2, 4001);
            assertEquals("exp_current.I_syn", s.variable("qualified"));
            assertEquals(java.util.List.of("exc"), s.spikePopulations());
            assertArrayEquals(a.spikes("exc").timestampsMs(), s.spikes("exc").timestampsMs(), 0.0);
            assertTrue(a.spikes("exc").count() > 20);
        }
    }

    @Test
    void connectivityWrittenAsSonataEdgesAndReadBackGivesIdenticalSpikes() throws Exception {
        String record = "record: {spikes: true}\n";
        Path first = run("first", RANDOM, record, ", edges: true");
        String[] names = {"ee", "ei", "ie"};
        String[] fromFile = new String[3];
        for (int i = 0; i < 3; i++) {
            fromFile[i] = "rule: {type: from_file, path: '" + first + "', edges: " + names[i] + "},";
        }
        Path second = run("second", fromFile, record, "");
        try (SonataReader a = SonataReader.open(first); SonataReader b = SonataReader.open(second)) {
            for (String n : names) {
                EdgeData e = a.edges(n);
                assertTrue(e.count() > 100, n);
            }
            for (String pop : a.spikePopulations()) {
                assertTrue(a.spikes(pop).count() > 20, pop);
                assertArrayEquals(a.spikes(pop).timestampsMs(), b.spikes(pop).timestampsMs(), 0.0, pop);
                assertArrayEquals(a.spikes(pop).nodeIds(), b.spikes(pop).nodeIds(), pop);
            }
        }
    }

    /**
     * A projection without synapses is an empty edge population: its name in the root attribute
     * {@code cortexsim_empty_edge_populations} and no group under {@code /edges} (jHDF cannot write
     * zero-length datasets), as docs/output-layout.md says; h5py sees exactly that, libsonata lists
     * and reads the other populations, and {@code from_file} reads it back as empty.
     */
    @Test
    void aProjectionWithoutSynapsesIsWrittenAsAnEmptyEdgePopulationAndReadBack() throws Exception {
        String[] projections = {RANDOM[0], "rule: {type: fixed_probability, p: 0.0}, weight: 50,", RANDOM[2]};
        String record = "record: {spikes: true}\n";
        Path first = run("first", projections, record, ", edges: true");
        try (SonataReader a = SonataReader.open(first)) {
            assertEquals(List.of("ee", "ie", "ei"), a.edgePopulations());
            assertEquals(0, a.edges("ei").count());
        }
        String[] fromFile = {RANDOM[0], "rule: {type: from_file, path: '" + first + "', edges: ei},", RANDOM[2]};
        Path second = run("second", fromFile, record, "");
        try (SonataReader a = SonataReader.open(first); SonataReader b = SonataReader.open(second)) {
            assertTrue(a.spikes("exc").count() > 20, "exc fires");
            for (String pop : a.spikePopulations()) {
                assertArrayEquals(a.spikes(pop).timestampsMs(), b.spikes(pop).timestampsMs(), 0.0, pop);
                assertArrayEquals(a.spikes(pop).nodeIds(), b.spikes(pop).nodeIds(), pop);
            }
        }
        ExternalTools.requireLibsonata();
        String out = ExternalTools.pythonWithLibsonata("""
                import sys, h5py, libsonata
                with h5py.File(sys.argv[1], "r") as f:
                    empty = [x.decode() for x in f.attrs["cortexsim_empty_edge_populations"]]
                    written = sorted(f["edges"].keys())
                assert empty == ["ei"], empty
                assert written == ["ee", "ie"], written
                storage = libsonata.EdgeStorage(sys.argv[1])
                assert sorted(storage.population_names) == ["ee", "ie"], storage.population_names
                for name in written:
                    pop = storage.open_population(name)
                    assert pop.size > 0 and len(pop.get_attribute("syn_weight", pop.select_all())) == pop.size
                print("ok")
                """, dir, first.toString());
        assertTrue(out.startsWith("ok"), out);
    }

    private static final String TWO_CHANNELS = """
            simulation: {dt_ms: 0.1, duration_ms: 200, seed: 5}
            populations:
              - {name: exc, model: RS, size: 60, initial: {v: {type: uniform, low: -65, high: -55}}}
              - {name: inh, model: FS, size: 15}
            projections:
              - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.1}, weight: 300,
                 synapse: {model: exp_current, tau_ms: 5}}
              - {name: ei, pre: exc, post: inh, rule: {type: fixed_probability, p: 0.2}, weight: 300}
              - {name: ie, pre: inh, post: exc, rule: {type: fixed_probability, p: 0.2}, weight: -900,
                 synapse: {model: exp_current, tau_ms: 8}}
            inputs:
              - {type: noise, population: exc, mean_pA: 0, sigma_pA: 4000}
              - {type: noise, population: inh, mean_pA: 0, sigma_pA: 800}
            """;

    /**
     * Two exp_current channels onto one population (other time constants): {@code I_syn} alone is
     * ambiguous and refused with a message that does not offer it and names the qualified names;
     * those record each its own channel, numbered in projection order: h5py reads the excitatory
     * channel (ee) as {@code exp_current.I_syn}, never negative, and the inhibitory one (ie) as
     * {@code exp_current.2.I_syn}, never positive, both active.
     */
    @Test
    void aFieldOfSeveralChannelsIsRefusedByItsShortNameAndEachQualifiedReportHoldsItsChannel() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> TestConfigs.run(dir, "short", TWO_CHANNELS
                + "record: {state: [{name: s, population: exc, variables: [I_syn], neurons: all}]}\n", ""));
        assertTrue(e.getMessage().contains("variable 'I_syn' is ambiguous")
                && e.getMessage().contains("name one: exp_current.2.I_syn, exp_current.I_syn")
                && !e.getMessage().contains("has no recordable variable"), e.getMessage());
        Path main = TestConfigs.run(dir, "qualified", TWO_CHANNELS + "record: {state: [{name: s, population: exc,"
                + " variables: [exp_current.I_syn, exp_current.2.I_syn], neurons: all}]}\n", "");
        ExternalTools.requirePythonModules("h5py", "numpy");
        String out = ExternalTools.python("""
                import sys, h5py, numpy as np
                stem = sys.argv[1][:-3]
                def report(variable):
                    with h5py.File(stem + ".s_" + variable + ".h5", "r") as f:
                        assert f.attrs["variable"].decode() == variable
                        return f["report/exc/data"][:].astype(np.float64)
                exc, inh = report("exp_current.I_syn"), report("exp_current.2.I_syn")
                assert exc.min() >= 0 and exc.max() > 100, (exc.min(), exc.max())
                assert inh.max() <= 0 and inh.min() < -100, (inh.min(), inh.max())
                print("ok")
                """, dir, main.toString());
        assertTrue(out.startsWith("ok"), out);
    }
}
