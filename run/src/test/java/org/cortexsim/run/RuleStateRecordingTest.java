package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.config.WeightRecordSpec;
import org.cortexsim.core.StateView;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.record.StepListener;
import org.cortexsim.network.Projection;
import org.cortexsim.network.StopCondition;
import org.cortexsim.network.plasticity.PlasticState;
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.SonataReader;
import org.cortexsim.run.build.BuiltSimulation;
import org.cortexsim.run.build.SimulationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record.weights[].variables}: a plasticity rule's state recorded next to the weights, end
 * to end. Each report (w, STDP's x_pre, t_pre, x_post, t_post with per-synapse delays and with
 * one delay, Tsodyks-Markram's u, x, t_last with one delay and per-synapse delays; all synapses,
 * a sample, a list; every step; float64 and float32) holds, at every row and column, the value
 * the rule's state arrays hold at that sample for that edge, read here straight from the engine's
 * {@link PlasticState} with the slot of each edge found from the edges (its presynaptic neuron
 * with one delay, the edge with per-synapse delays; its target for a postsynaptic field); the w
 * recorded beside the fields equals the plain weight report; h5py reads every report as
 * cortexsim's reader does. A plugin rule's fields (a test-only rule known only by its services
 * line) are recorded and equal counts computed here from the spike times and delays.
 */
class RuleStateRecordingTest {
    @TempDir
    Path dir;

    static final String NETWORK = """
            simulation: {dt_ms: 0.1, duration_ms: 150, seed: 5, threads: 1}
            populations:
              - {name: exc, model: RS, size: 80, initial: {v: {type: uniform, low: -65, high: -50}}}
              - {name: inh, model: FS, size: 20}
              - {name: src, model: spike_source, spike_times_ms: [[1, 7.5, 20, 33.3], [2, 4, 40.1], [5.5, 6.5, 50]]}
            projections:
              - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.1}, weight: {type: uniform, low: 100, high: 500},
                 delay_ms: {type: uniform, low: 0.5, high: 5}, plasticity: {rule: stdp, A_plus: 10, A_minus: 11, w_max: 800}}
              - {name: se, pre: src, post: exc, rule: {type: fixed_probability, p: 0.5}, weight: 400, delay_ms: 1,
                 plasticity: {rule: stdp, A_plus: 20, A_minus: 20, w_max: 900, weight_dependence: multiplicative}}
              - {name: ei, pre: exc, post: inh, rule: {type: fixed_probability, p: 0.2}, weight: 200, delay_ms: 1,
                 plasticity: {rule: tsodyks_markram, U: 0.3, tau_rec_ms: 200, tau_fac_ms: 30}}
              - {name: ie, pre: inh, post: exc, rule: {type: fixed_probability, p: 0.2}, weight: -300,
                 delay_ms: {type: uniform, low: 0.5, high: 3}, plasticity: {rule: tsodyks_markram, U: 0.5, tau_rec_ms: 100}}
            inputs:
              - {type: noise, population: exc, mean_pA: 60, sigma_pA: 700}
              - {type: noise, population: inh, mean_pA: 60, sigma_pA: 300}
            record:
              weights:
                - {projection: ee, every_ms: 0.1, dtype: float64}
                - {name: ee_state, projection: ee, variables: [w, x_pre, t_pre, x_post, t_post], every_ms: 0.1, dtype: float64}
                - {name: se_state, projection: se, variables: [x_pre, t_pre, x_post, t_post], synapses: {sample: 25}, every_ms: 0.1, dtype: float64}
                - {name: ei_state, projection: ei, variables: [u, x, t_last], every_ms: 0.1, dtype: float64}
                - {name: ie_state, projection: ie, variables: [u, x, t_last], synapses: [0, 3, 9, 17], every_ms: 0.5}
            output: {path: OUT/out.h5, edges: true}
            """;

    private Config parse(String text, String... overrides) throws ConfigException {
        return new ConfigLoader().parse(text.replace("OUT/", dir + "/"), "t.yaml", dir, List.of(overrides));
    }

    /** One report as written: its projection, variable attribute, units, edge ids, rows and data. */
    private record Report(String name, String projection, String variable, String units, long[] edgeIds, int rows,
            int every, boolean float32, double[] data) {
    }

    private List<Report> reports(Config config) throws Exception {
        Path main = dir.resolve("out.h5");
        List<Report> out = new ArrayList<>();
        for (WeightRecordSpec w : config.record().weights()) {
            for (String variable : w.variables()) {
                String name = w.reportName(variable);
                try (SonataReader r = SonataReader.open(OutputLayout.reportPath(main, name))) {
                    ReportMetadata m = r.reportMetadata(w.projection());
                    long[] edges = r.longs("/report/" + w.projection() + "/mapping/edge_ids");
                    assertArrayEquals(edges, m.nodeIds(), name + ": node ids are the edge ids");
                    out.add(new Report(name, w.projection(), String.valueOf(r.rootAttribute("variable")), m.units(),
                            edges, m.rows(), (int) Math.round(w.everyMs() / 0.1),
                            w.dtype() == org.cortexsim.config.StateRecordSpec.Dtype.FLOAT32,
                            r.reportSlice(w.projection(), 0, m.rows(), 0, m.cols())));
                    assertEquals(variable, w.variables().get(w.variables().indexOf(variable)));
                }
            }
        }
        return out;
    }

    /** The value the engine's state of {@code pr} holds for {@code variable} at edge k, found from the rule's declarations. */
    private static double engineValue(Projection pr, String variable, int k) {
        PlasticState s = pr.plasticity().state();
        PlasticityRule rule = pr.plasticity().rule();
        var m = pr.weights();
        if (variable.equals("w")) {
            return s.weights()[k];
        }
        if (rule.synapseState().stream().anyMatch(f -> f.name().equals(variable))) {
            return s.synapse(variable)[k];
        }
        if (rule.postState().stream().anyMatch(f -> f.name().equals(variable))) {
            return s.post(variable)[m.nz_rows[k]];
        }
        int column = 0;
        while (m.col_idx[column + 1] <= k) {
            column++;
        }
        return s.pre(variable)[pr.hasConstantDelay() ? column : k];
    }

    @Test
    void eachVariableIsTheRulesStateAtEverySynapseAndSample() throws Exception {
        Config config = parse(NETWORK);
        Runner.run(config, RunOptions.quiet());
        List<Report> reports = reports(config);
        assertEquals(1 + 5 + 4 + 3 + 3, reports.size());
        Map<String, String> units = Map.of("syn_weight", "pA", "x_pre", "1", "t_pre", "steps", "x_post", "1",
                "t_post", "steps", "u", "1", "x", "1", "t_last", "steps");
        for (Report r : reports) {
            assertEquals(units.get(r.variable()), r.units(), r.name());
            assertEquals(1500 / r.every() + 1, r.rows(), r.name() + ": a row every " + r.every() + " steps, 0 to 150 ms");
        }
        assertArrayEquals(reports.get(0).data(), reports.get(1).data(), 0.0, "w beside the fields is the weight report");
        long[] compared = new long[1];
        Map<String, Long> changed = new LinkedHashMap<>();
        BuiltSimulation built = SimulationFactory.build(parse(NETWORK, "record.weights=[]"));
        try (var sim = built.simulation()) {
            Map<String, Projection> byName = new LinkedHashMap<>();
            sim.projections().forEach(p -> byName.put(p.name(), p));
            sim.addListener(new StepListener() {
                @Override
                public void start(StateView state, TimeGrid grid, long steps) {
                    check(0);
                }

                @Override
                public void afterStep(long step, StateView state) {
                    check(step + 1);
                }

                private void check(long n) {
                    for (Report r : reports) {
                        if (n % r.every() != 0) {
                            continue;
                        }
                        int row = (int) (n / r.every());
                        String variable = r.variable().equals("syn_weight") ? "w" : r.variable();
                        for (int c = 0; c < r.edgeIds().length; c++) {
                            double expected = engineValue(byName.get(r.projection()), variable, (int) r.edgeIds()[c]);
                            if (r.float32()) {
                                expected = (float) expected;
                            }
                            double actual = r.data()[row * r.edgeIds().length + c];
                            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                                    r.name() + " row " + row + " edge " + r.edgeIds()[c] + ": " + expected + " vs " + actual);
                            compared[0]++;
                            if (row > 0 && actual != r.data()[(row - 1) * r.edgeIds().length + c]) {
                                changed.merge(r.name(), 1L, Long::sum);
                            }
                        }
                    }
                }
            });
            sim.run(config.simulation().steps(), StopCondition.NEVER);
        }
        long values = reports.stream().mapToLong(r -> (long) r.rows() * r.edgeIds().length).sum();
        assertEquals(values, compared[0], "every recorded value compared");
        for (Report r : reports) {
            // at least once per column of the smallest report (ie's u, without facilitation, changes once: 0 -> U)
            assertTrue(changed.getOrDefault(r.name(), 0L) >= 4, "the state moved in " + r.name() + ": " + changed);
        }
    }

    /** h5py reads every report's data, units, variable and edge ids as cortexsim's reader does, bit for bit. */
    @Test
    void h5pyReadsEveryVariable() throws Exception {
        ExternalTools.requirePythonModules("h5py", "numpy");
        Config config = parse(NETWORK);
        Runner.run(config, RunOptions.quiet());
        List<Report> reports = reports(config);
        List<String> args = new ArrayList<>();
        for (Report r : reports) {
            args.add(OutputLayout.reportPath(dir.resolve("out.h5"), r.name()).toString());
            args.add(r.projection());
            args.add(dir.resolve(r.name() + ".bin").toString());
        }
        String out = ExternalTools.python("""
                import sys, h5py, numpy as np
                a = sys.argv[1:]
                for i in range(0, len(a), 3):
                    path, proj, dump = a[i], a[i + 1], a[i + 2]
                    with h5py.File(path, "r") as f:
                        rep = f["report/" + proj]
                        data = rep["data"][:]
                        units = rep["data"].attrs["units"]
                        units = units.decode() if isinstance(units, bytes) else str(units)
                        variable = f.attrs["variable"]
                        variable = variable.decode() if isinstance(variable, bytes) else str(variable)
                        ids = rep["mapping/edge_ids"][:]
                        assert (rep["mapping/node_ids"][:] == ids).all()
                        assert rep["mapping/index_pointers"].shape[0] == ids.shape[0] + 1
                        data.astype("<f8").tofile(dump)
                        print(path.split("/")[-1], variable, units, data.dtype, data.shape, ",".join(map(str, ids[:3])))
                print("ok")
                """, dir, args.toArray(String[]::new));
        assertTrue(out.strip().endsWith("ok"), out);
        for (Report r : reports) {
            byte[] bytes = Files.readAllBytes(dir.resolve(r.name() + ".bin"));
            double[] h5py = new double[bytes.length / 8];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(h5py);
            assertArrayEquals(r.data(), h5py, 0.0, r.name());
            String line = out.lines().filter(l -> l.startsWith("out." + r.name() + ".h5 ")).findFirst().orElseThrow();
            assertTrue(line.startsWith("out." + r.name() + ".h5 " + r.variable() + " " + r.units() + " "
                    + (r.float32() ? "float32" : "float64")), line);
        }
    }

    static final String PLUGIN_NETWORK = """
            simulation: {dt_ms: 0.1, duration_ms: 40, seed: 3}
            populations:
              - {name: pre, model: spike_source, spike_times_ms: [[1, 7.5, 20, 33.3], [2, 4, 10, 22.2], [5.5, 6.5, 30]]}
              - {name: post, model: spike_source, spike_times_ms: [[3, 9, 12.1, 25], [2.4, 6, 8.8], [1.1, 30.5, 31]]}
            projections:
              - {name: one, pre: pre, post: post, rule: {type: all_to_all}, weight: 1, delay_ms: 1.5, plasticity: {rule: test_spike_counts}}
              - {name: each, pre: pre, post: post, rule: {type: all_to_all}, weight: 1, delay_ms: {type: uniform, low: 0.1, high: 4},
                 plasticity: {rule: test_spike_counts}}
            record:
              weights:
                - {name: one_counts, projection: one, variables: [arrivals, since, spikes], every_ms: 0.1, dtype: float64}
                - {name: each_counts, projection: each, variables: [arrivals, since, spikes, w], every_ms: 0.1, dtype: float64}
            output: {path: OUT/out.h5, edges: true}
            """;

    /**
     * A plugin rule's fields, known to cortexsim only by the rule's declarations, are recorded per
     * synapse: at sample n, {@code arrivals} is the number of presynaptic spikes of the edge's
     * source with {@code s + D <= n} (D the edge's delay in steps), {@code spikes} the number of
     * spikes of its target up to n, {@code since} those of its target from its last arrival on
     * (the arrivals at a time come before the postsynaptic spikes of that sample, so a spike at
     * the arrival's own sample counts), with one delay and per-synapse delays.
     */
    @Test
    void aPluginRulesFieldsAreRecordedAsItsDeclarationsSay() throws Exception {
        Config config = parse(PLUGIN_NETWORK);
        Runner.run(config, RunOptions.quiet());
        long[][] pre = {{10, 75, 200, 333}, {20, 40, 100, 222}, {55, 65, 300}};
        long[][] post = {{30, 90, 121, 250}, {24, 60, 88}, {11, 305, 310}};
        Path main = dir.resolve("out.h5");
        int checked = 0;
        for (String proj : List.of("one", "each")) {
            long[] sources;
            long[] targets;
            double[] delaysMs;
            try (SonataReader r = SonataReader.open(main)) {
                sources = r.longs("/edges/" + proj + "/source_node_id");
                targets = r.longs("/edges/" + proj + "/target_node_id");
                delaysMs = r.doubles("/edges/" + proj + "/0/delay");
            }
            for (String variable : List.of("arrivals", "since", "spikes")) {
                try (SonataReader r = SonataReader.open(OutputLayout.reportPath(main, proj + "_counts_" + variable))) {
                    ReportMetadata m = r.reportMetadata(proj);
                    assertEquals(401, m.rows());
                    assertEquals(9, m.cols());
                    assertEquals("1", m.units());
                    assertEquals(variable, r.rootAttribute("variable"));
                    double[] data = r.reportSlice(proj, 0, m.rows(), 0, m.cols());
                    for (int c = 0; c < m.cols(); c++) {
                        int k = (int) m.nodeIds()[c];
                        long delay = Math.round(delaysMs[k] / 0.1);
                        long[] in = pre[(int) sources[k]];
                        long[] out = post[(int) targets[k]];
                        for (int n = 0; n < m.rows(); n++) {
                            final long now = n;
                            long arrivals = java.util.Arrays.stream(in).filter(s -> s + delay <= now).count();
                            long lastArrival = java.util.Arrays.stream(in).map(s -> s + delay).filter(t -> t <= now)
                                    .max().orElse(-1);
                            long spikes = java.util.Arrays.stream(out).filter(s -> s <= now).count();
                            long since = java.util.Arrays.stream(out).filter(s -> s >= lastArrival && s <= now).count();
                            double expected = switch (variable) {
                                case "arrivals" -> arrivals;
                                case "spikes" -> spikes;
                                default -> since;
                            };
                            assertEquals(expected, data[n * m.cols() + c], 0.0,
                                    proj + "." + variable + " of edge " + k + " at sample " + n);
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(2 * 3 * 9 * 401, checked);
        try (SonataReader r = SonataReader.open(OutputLayout.reportPath(main, "each_counts_w"))) {
            double[] w = r.reportSlice("each", 0, 401, 0, 9);
            assertTrue(java.util.Arrays.stream(w).allMatch(x -> x == 1.0), "the rule never changes w");
        }
        try (SonataReader r = SonataReader.open(main)) {
            double[] delays = r.doubles("/edges/each/0/delay");
            assertTrue(java.util.Arrays.stream(delays).distinct().count() > 3, "per-synapse delays: "
                    + java.util.Arrays.toString(delays));
        }
    }
}
