package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.PlasticityInfo;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.SonataReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plastic projections end to end: the weight report starts with the edges' initial weights and
 * ends with their final ones, maps each column to its edge, source and target; the provenance
 * statistics match the edges; h5py reads the same (when installed); rule errors are config
 * errors at the plasticity key; results do not depend on the thread count.
 */
class PlasticRunTest {
    @TempDir
    Path dir;

    private static final String NETWORK = """
            simulation: {dt_ms: 0.1, duration_ms: 400, seed: 9, threads: 1}
            populations:
              - {name: exc, model: RS, size: 120, initial: {v: {type: uniform, low: -65, high: -55}}}
              - {name: inh, model: FS, size: 30}
            projections:
              - name: ee
                pre: exc
                post: exc
                rule: {type: fixed_probability, p: 0.1}
                weight: {type: uniform, low: 200, high: 800}
                delay_ms: {type: uniform, low: 1, high: 10}
                plasticity: {rule: stdp, A_plus: 20, A_minus: 22, w_max: 1000}
              - {name: ei, pre: exc, post: inh, rule: {type: fixed_probability, p: 0.2}, weight: 300, delay_ms: 1,
                 plasticity: {rule: tsodyks_markram, U: 0.3, tau_rec_ms: 200, tau_fac_ms: 30}}
              - {name: ie, pre: inh, post: exc, rule: {type: fixed_probability, p: 0.2}, weight: -500}
            inputs:
              - {type: noise, population: exc, mean_pA: 60, sigma_pA: 700}
            record:
              weights:
                - {projection: ee, every_ms: 10, dtype: float64}
                - {name: ee_some, projection: ee, synapses: {sample: 25}, every_ms: 100}
            output: {path: OUT/out.h5, edges: true}
            """;

    private Config parse(String text, String... overrides) throws ConfigException {
        return new ConfigLoader().parse(text.replace("OUT/", dir + "/"), "t.yaml", dir, List.of(overrides));
    }

    @Test
    void weightReportEdgesAndProvenanceAgree() throws Exception {
        Runner.run(parse(NETWORK), RunOptions.quiet());
        double[] initial;
        double[] fin;
        long[] src;
        long[] tgt;
        try (SonataReader r = SonataReader.open(dir.resolve("out.h5"))) {
            initial = r.doubles("/edges/ee/0/syn_weight_initial");
            fin = r.doubles("/edges/ee/0/syn_weight");
            src = r.longs("/edges/ee/source_node_id");
            tgt = r.longs("/edges/ee/target_node_id");
            assertEquals("pA", r.attributes("/edges/ee/0/syn_weight_initial").get("units"));
        }
        assertTrue(Arrays.stream(fin).allMatch(w -> w >= 0 && w <= 1000), "within [w_min, w_max]");
        long changed = java.util.stream.IntStream.range(0, fin.length).filter(k -> fin[k] != initial[k]).count();
        assertTrue(changed > fin.length / 2, "weights changed: " + changed + " of " + fin.length);
        try (SonataReader r = SonataReader.open(OutputLayout.reportPath(dir.resolve("out.h5"), "weights_ee"))) {
            ReportMetadata m = r.reportMetadata("ee");
            assertEquals(fin.length, m.cols());
            assertEquals(41, m.rows(), "samples 0, 10, ..., 400 ms");
            assertEquals(10.0, m.dtMs(), 1e-12);
            assertEquals("pA", m.units());
            assertEquals("syn_weight", r.rootAttribute("variable"));
            assertArrayEquals(initial, r.reportSlice("ee", 0, 1, 0, m.cols()), 0.0);
            assertArrayEquals(fin, r.reportSlice("ee", m.rows() - 1, 1, 0, m.cols()), 0.0);
            assertArrayEquals(src, r.longs("/report/ee/mapping/source_node_ids"));
            assertArrayEquals(tgt, r.longs("/report/ee/mapping/target_node_ids"));
            long[] ids = r.longs("/report/ee/mapping/edge_ids");
            for (int c = 0; c < ids.length; c++) {
                assertEquals(c, ids[c]);
            }
        }
        try (SonataReader r = SonataReader.open(OutputLayout.reportPath(dir.resolve("out.h5"), "ee_some"))) {
            long[] ids = r.longs("/report/ee/mapping/edge_ids");
            assertEquals(25, ids.length);
            for (int c = 0; c < ids.length; c++) {
                assertTrue(c == 0 || ids[c] > ids[c - 1], "edge ids ascending");
            }
            ReportMetadata m = r.reportMetadata("ee");
            double[] last = r.reportSlice("ee", m.rows() - 1, 1, 0, m.cols());
            for (int c = 0; c < ids.length; c++) {
                // the default dtype, float32: each weight rounded to the nearest float
                assertEquals((float) fin[(int) ids[c]], last[c], 0.0);
            }
        }
        List<PlasticityInfo> infos = PlasticityInfo.read(dir.resolve("out.h5"));
        assertEquals(List.of("ee", "ei"), infos.stream().map(PlasticityInfo::projection).toList());
        PlasticityInfo ee = infos.get(0);
        assertEquals("stdp", ee.rule());
        assertEquals(fin.length, ee.synapses());
        double mean = Arrays.stream(fin).average().orElseThrow();
        assertEquals(mean, ee.finalStats()[PlasticityInfo.MEAN], 1e-9 * mean);
        assertEquals(Arrays.stream(initial).average().orElseThrow(), ee.initialStats()[PlasticityInfo.MEAN], 1e-6);
        assertEquals(Arrays.stream(fin).min().orElseThrow(), ee.finalStats()[PlasticityInfo.MIN], 0.0);
        assertEquals(fin.length, Arrays.stream(ee.histogramFinal()).sum());
        assertEquals(fin.length, Arrays.stream(ee.histogramInitial()).sum());
        assertEquals(0.0, ee.histogramEdges()[0], 0.0);
        assertEquals(1000.0, ee.histogramEdges()[ee.histogramEdges().length - 1], 0.0);
        PlasticityInfo ei = infos.get(1);
        assertEquals("tsodyks_markram", ei.rule());
        assertEquals(300.0, ei.finalStats()[PlasticityInfo.MEAN], 0.0, "a short-term rule leaves w unchanged");
    }

    @Test
    void h5pyReadsTheWeightReportAndEdges() throws Exception {
        ExternalTools.requirePythonModules("h5py", "numpy");
        Runner.run(parse(NETWORK), RunOptions.quiet());
        String script = """
                import sys, h5py, numpy as np
                main = h5py.File(sys.argv[1], "r")
                rep = h5py.File(sys.argv[2], "r")["report/ee"]
                e = main["edges/ee"]
                data = rep["data"][:]
                assert data.dtype == np.float64 and rep["data"].attrs["units"] in (b"pA", "pA")
                ids = rep["mapping/edge_ids"][:]
                assert (data[0] == e["0/syn_weight_initial"][:][ids]).all()
                assert (data[-1] == e["0/syn_weight"][:][ids]).all()
                assert (rep["mapping/source_node_ids"][:] == e["source_node_id"][:][ids]).all()
                assert (rep["mapping/target_node_ids"][:] == e["target_node_id"][:][ids]).all()
                t = rep["mapping/time"][:]
                assert t[0] == 0 and t[2] == 10 and data.shape[0] == round((t[1] - t[0]) / t[2])
                some = h5py.File(sys.argv[3], "r")["report/ee"]
                assert some["data"].dtype == np.float32
                sids = some["mapping/edge_ids"][:]
                assert (some["data"][-1] == e["0/syn_weight"][:][sids].astype(np.float32)).all()
                print("ok", data.shape)
                """;
        String out = ExternalTools.python(script, dir, dir.resolve("out.h5").toString(),
                OutputLayout.reportPath(dir.resolve("out.h5"), "weights_ee").toString(),
                OutputLayout.reportPath(dir.resolve("out.h5"), "ee_some").toString());
        assertTrue(out.startsWith("ok"), out);
    }

    /**
     * Row r of a weight report is the weights at its time, events at that time included: h5py finds
     * each row at 170, 250 and 400 ms equal, bit for bit, to {@code syn_weight} of a run of the
     * same network that ended at that time; a run ending between rows (395 ms) ends its report with
     * the row before (390 ms), as docs/output-layout.md says.
     */
    @Test
    void eachWeightRowIsTheFinalWeightsOfARunEndingAtItsTime() throws Exception {
        ExternalTools.requirePythonModules("h5py", "numpy");
        Runner.run(parse(NETWORK), RunOptions.quiet());
        List<String> args = new java.util.ArrayList<>(List.of(
                OutputLayout.reportPath(dir.resolve("out.h5"), "weights_ee").toString()));
        for (String ms : List.of("170", "250", "395")) {
            Path out = dir.resolve("end" + ms + ".h5");
            Runner.run(parse(NETWORK, "simulation.duration_ms=" + ms, "output.path='" + out + "'"), RunOptions.quiet());
            args.add(out.toString());
        }
        String out = ExternalTools.python("""
                import sys, h5py, numpy as np
                with h5py.File(sys.argv[1], "r") as f:
                    data, (t0, t1, dt) = f["report/ee/data"][:], f["report/ee/mapping/time"][:]
                    ids = f["report/ee/mapping/edge_ids"][:]
                def final(path):
                    with h5py.File(path, "r") as f:
                        return f["edges/ee/0/syn_weight"][:][ids]
                for path, row in ((sys.argv[2], 17), (sys.argv[3], 25)):
                    assert np.array_equal(data[row], final(path)), (path, row)
                    assert not np.array_equal(data[row], data[0]), "the weights changed by then"
                with h5py.File(sys.argv[1][:-len("weights_ee.h5")] + "h5", "r") as f:
                    assert np.array_equal(data[-1], f["edges/ee/0/syn_weight"][:][ids]) and t0 + 40 * dt == 400
                stem = sys.argv[4][:-3]
                with h5py.File(stem + ".weights_ee.h5", "r") as f:
                    short, (s0, s1, sdt) = f["report/ee/data"][:], f["report/ee/mapping/time"][:]
                assert short.shape[0] == 40 and s0 + 39 * sdt == 390, (short.shape, s1)
                assert np.array_equal(short, data[:40])
                print("ok")
                """, dir, args.toArray(String[]::new));
        assertTrue(out.startsWith("ok"), out);
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() throws Exception {
        Runner.run(parse(NETWORK, "output.path='" + dir.resolve("one.h5") + "'"), RunOptions.quiet());
        Runner.run(parse(NETWORK, "output.path='" + dir.resolve("two.h5") + "'", "simulation.threads=2"), RunOptions.quiet());
        try (SonataReader a = SonataReader.open(dir.resolve("one.h5"));
                SonataReader b = SonataReader.open(dir.resolve("two.h5"))) {
            assertArrayEquals(a.doubles("/edges/ee/0/syn_weight"), b.doubles("/edges/ee/0/syn_weight"), 0.0);
            assertArrayEquals(a.spikes("exc").timestampsMs(), b.spikes("exc").timestampsMs(), 0.0);
            assertArrayEquals(a.spikes("exc").nodeIds(), b.spikes("exc").nodeIds());
        }
    }

    @Test
    void ruleErrorsAreConfigErrorsAtThePlasticityKey() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> Runner.run(parse(NETWORK,
                "projections[0].plasticity.rule=stpd"), RunOptions.quiet()));
        assertTrue(unknown.getMessage().contains("unknown plasticity rule 'stpd'")
                && unknown.getMessage().contains("stdp"), unknown.getMessage());
        ConfigException param = assertThrows(ConfigException.class, () -> Runner.run(parse(NETWORK,
                "projections[0].plasticity.tau_ms=3"), RunOptions.quiet()));
        // located at the --set that introduced it; the projection still counts as plastic, so record.weights
        // of it is no second (false) error
        assertTrue(param.getMessage().contains("--set projections[0].plasticity.tau_ms=3: projections[0].plasticity.tau_ms:"
                + " unknown parameter 'tau_ms'"), param.getMessage());
        assertFalse(param.getMessage().contains("has no plasticity"), param.getMessage());
        ConfigException bounds = assertThrows(ConfigException.class, () -> Runner.run(parse(NETWORK,
                "projections[0].plasticity.w_max=500"), RunOptions.quiet()));
        assertTrue(bounds.getMessage().contains("outside the bounds"), bounds.getMessage());
        ConfigException edge = assertThrows(ConfigException.class, () -> Runner.run(parse(NETWORK,
                "record.weights[1].synapses=[100000]"), RunOptions.quiet()));
        assertTrue(edge.getMessage().contains("edge id 100000 is not in projection 'ee'"), edge.getMessage());
        assertNotEquals(null, unknown.errors().get(0).location());
    }
}
