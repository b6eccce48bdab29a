package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of output, read with the SONATA reference readers: libsonata (from {@code
 * ../shared/tools}) and, where installed, bmtk, against h5py's reading of the same datasets
 * ({@code sonata_readers_check.py}). Covered: spikes of every population; reports of v, u, I and a
 * synapse field in float32 (v of neurons selected out of id order, {@code sorted = 0}, which
 * libsonata returns as stored), the same v in float64 (which libsonata refuses, as documented) and
 * float32 equal to it rounded; the provenance records (parameters, per-neuron columns, plasticity
 * statistics, edge attributes) and the status of every segment, as docs/output-layout.md says; SONATA edges with afferent/efferent queries; a segmented run (report
 * segments, spikes merged into the main file) and a run whose spikes exceed the budget (spike
 * segments); plasticity's weight reports (float32 by default and float64), with their edges'
 * {@code syn_weight} and {@code syn_weight_initial}. A new kind of output is covered by the
 * same script once its files are listed in the main file's {@code report_files} or {@code
 * /segments}, which is where the script looks.
 */
class SonataToolsReadOutputTest {
    @TempDir
    Path dir;

    private static final String NETWORK = TestConfigs.text("sonata_tools_network.yaml");

    private static final String RECORD = """
            record:
              spikes: true
              state:
                - {name: ev, population: exc, variables: [v], neurons: [7, 0, 3]}
                - {name: ev64, population: exc, variables: [v], neurons: [7, 0, 3], dtype: float64}
                - {name: eu, population: exc, variables: [u, I_syn], neurons: {start: 0, stop: 80, step: 10}}
                - {name: ii, population: inh, variables: [I], neurons: all, every_steps: 5, start_ms: 20}
            """;

    private static final String PLASTIC = """
            simulation: {dt_ms: 0.1, duration_ms: 300, seed: 5}
            populations:
              - {name: exc, model: RS, size: 80, initial: {v: {type: uniform, low: -65, high: -55}}}
            projections:
              - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.1},
                 weight: {type: uniform, low: 100, high: 500}, delay_ms: {type: uniform, low: 1, high: 5},
                 plasticity: {rule: stdp, A_plus: 20, A_minus: 22, w_max: 600}}
            inputs:
              - {type: noise, population: exc, mean_pA: 60, sigma_pA: 700}
            record:
              weights:
                - {name: w32, projection: ee, every_ms: 5}
                - {name: w64, projection: ee, every_ms: 5, dtype: float64}
            """;

    /**
     * The weight reports against the edges: the float64 report's first row is {@code
     * syn_weight_initial}, its last {@code syn_weight}, bit for bit (h5py); libsonata's
     * SomaReportReader reads the float32 report as the float64 one rounded, columns by edge id.
     */
    private static final String WEIGHTS = """
            import os, sys
            os.environ["HDF5_USE_FILE_LOCKING"] = "FALSE"
            import h5py, libsonata, numpy as np
            main, w32, w64 = sys.argv[1:4]
            s = lambda v: v.decode() if isinstance(v, bytes) else str(v)
            with h5py.File(main, "r") as m:
                e = m["edges/ee"]
                final, initial = e["0/syn_weight"][:], e["0/syn_weight_initial"][:]
                src, tgt = e["source_node_id"][:], e["target_node_id"][:]
            with h5py.File(w64, "r") as f:
                assert s(f.attrs["variable"]) == "syn_weight"
                r = f["report/ee"]
                d64, ids = r["data"][:], r["mapping/node_ids"][:]
                assert np.array_equal(r["mapping/edge_ids"][:], ids)
                assert np.array_equal(r["mapping/source_node_ids"][:], src[ids])
                assert np.array_equal(r["mapping/target_node_ids"][:], tgt[ids])
            assert d64.dtype == np.float64 and len(ids) == len(final)
            assert np.array_equal(d64[0], initial[ids]) and np.array_equal(d64[-1], final[ids])
            assert not np.array_equal(d64[0], d64[-1]), "the weights changed"
            rep = libsonata.SomaReportReader(w32)["ee"]
            got = rep.get()
            order = np.argsort(ids, kind="stable")
            assert list(got.ids) == ids[order].tolist()
            assert np.array_equal(got.data, d64[:, order].astype(np.float32))
            assert rep.data_units == "pA" and np.allclose(got.times, 5.0 * np.arange(d64.shape[0]))
            print("ok", d64.shape)
            """;

    private Path run(String name, String yaml) throws Exception {
        return TestConfigs.run(dir, name, yaml, ", edges: true");
    }

    private String check(Path main, String... pairs) throws IOException {
        List<String> args = new ArrayList<>(List.of(main.toString()));
        args.addAll(List.of(pairs));
        String out = ExternalTools.pythonWithLibsonata(resource("sonata_readers_check.py"), dir,
                args.toArray(String[]::new));
        out.lines().filter(l -> l.startsWith("NOTICE:")).forEach(System.err::println);
        assertTrue(out.contains("NOTICE: bmtk") || !out.contains("'bmtk': 0"), "bmtk's readers ran: " + out);
        return out;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SonataToolsReadOutputTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void libsonataAndBmtkReadEveryFileOfARun() throws Exception {
        ExternalTools.requireLibsonata();
        Path main = run("single", NETWORK + RECORD);
        String out = check(main, "single.ev.h5:single.ev64.h5");
        assertTrue(out.contains("'spike populations': 2") && out.contains("'report files': 5")
                && out.contains("'edge populations': 3"), out);
        try (ResultSet r = ResultSet.open(main)) {
            assertTrue(r.spikeCount("exc") > 100 && r.spikeCount("inh") > 20, "both populations fire: "
                    + r.spikeCount("exc") + ", " + r.spikeCount("inh"));
        }
    }

    @Test
    void libsonataAndH5pyReadWeightReports() throws Exception {
        ExternalTools.requireLibsonata();
        Path main = run("plastic", PLASTIC);
        String out = check(main, "plastic.w32.h5:plastic.w64.h5");
        assertTrue(out.contains("'report files': 2") && out.contains("'edge populations': 1"), out);
        String weights = ExternalTools.pythonWithLibsonata(WEIGHTS, dir, main.toString(),
                OutputLayout.reportPath(main, "w32").toString(), OutputLayout.reportPath(main, "w64").toString());
        assertTrue(weights.startsWith("ok"), weights);
    }

    @Test
    void libsonataAndBmtkReadEverySegmentOfASegmentedRun() throws Exception {
        ExternalTools.requireLibsonata();
        String record = RECORD.replace("spikes: true", "spikes: true\n  memory_budget_MB: 1")
                .replace("neurons: [7, 0, 3]}\n", "neurons: all}\n")
                .replace("neurons: [7, 0, 3], dtype: float64}", "neurons: all, dtype: float64}");
        Path main = run("segmented", NETWORK + record);
        try (ResultSet r = ResultSet.open(main)) {
            assertTrue(r.reportFiles("ev").size() >= 2, "the v report is segmented: " + r.reportFiles("ev"));
            assertTrue(r.segments(OutputLayout.SPIKES).isEmpty(), "the spikes fit the budget and are merged");
        }
        String out = check(main);
        assertTrue(out.contains("'spike populations': 2"), out);
    }

    @Test
    void libsonataAndBmtkReadSpikeSegmentsBeyondTheBudget() throws Exception {
        ExternalTools.requireLibsonata();
        Path main = run("busy", TestConfigs.text("busy_fs.yaml"));
        try (ResultSet r = ResultSet.open(main)) {
            assertTrue(r.segments(OutputLayout.SPIKES).size() >= 2, "spikes stay in segments");
        }
        String out = check(main);
        assertTrue(out.contains("'spike files': ") && !out.contains("'spike files': 0"), out);
    }
}
