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
import org.cortexsim.core.EulerIntegrator;
import org.cortexsim.core.Neurons;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.input.DcInput;
import org.cortexsim.core.model.Preset;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config file in, HDF5 out: the notebook's experiments through {@link Runner}, read back two ways. */
class RunnerEndToEndTest {
    @TempDir
    Path dir;

    private static final Path EXAMPLES = Path.of("..", "examples");

    private Config load(String example, String out) throws ConfigException {
        return new ConfigLoader().load(EXAMPLES.resolve(example), List.of("output.path='" + dir.resolve(out) + "'"));
    }

    /** v and u of one neuron simulated directly with core, samples 0..10000. */
    private static double[][] direct(Preset preset, double amplitude) {
        Neurons n = Neurons.builder().add("p", preset.name(), 1, preset.parameters()).build();
        EulerIntegrator euler = new EulerIntegrator(n, new TimeGrid(0.1));
        DcInput dc = new DcInput(n.populations().get(0), amplitude, 1000, 10000);
        double[][] vu = new double[2][10_001];
        vu[0][0] = n.v[0];
        vu[1][0] = n.u[0];
        for (int s = 0; s < 10_000; s++) {
            n.current[0] = 0;
            dc.addCurrent(s, n.current, 0, 1);
            euler.integrate(0, 1);
            vu[0][s + 1] = n.v[0];
            vu[1][s + 1] = n.u[0];
        }
        return vu;
    }

    @Test
    void notebookFsRunRecordsExactlyWhatWasSimulated() throws Exception {
        RunReport report = Runner.run(load("notebook_fs.yaml", "fs.h5"), RunOptions.quiet());
        assertTrue(report.completed());
        assertEquals(10_000, report.stepsDone());
        double[][] expected = direct(Preset.FS, 73);
        try (SonataReader v = SonataReader.open(OutputLayout.reportPath(dir.resolve("fs.h5"), "fs_v"));
                SonataReader u = SonataReader.open(OutputLayout.reportPath(dir.resolve("fs.h5"), "fs_u"))) {
            ReportMetadata m = v.reportMetadata("fs");
            assertEquals("mV", m.units());
            assertEquals(10_001, m.rows());
            assertEquals(0.0, m.startMs());
            assertEquals(0.1, m.dtMs());
            assertArrayEquals(expected[0], v.reportSlice("fs", 0, 10_001, 0, 1), 0.0);
            assertArrayEquals(expected[1], u.reportSlice("fs", 0, 10_001, 0, 1), 0.0);
            assertEquals("pA", u.reportMetadata("fs").units());
        }
        try (SonataReader r = SonataReader.open(dir.resolve("fs.h5"))) {
            SpikeData spikes = r.spikes("fs");
            int k = 0;
            for (int s = 0; s <= 10_000; s++) {
                if (expected[0][s] >= 25) {
                    assertEquals(s * 0.1, spikes.timestampsMs()[k], 0.0, "spike " + k);
                    assertEquals(0L, spikes.nodeIds()[k]);
                    k++;
                }
            }
            assertEquals(k, spikes.count());
            assertTrue(k >= 10, "FS fires repetitively at 73 pA");
            assertEquals("completed", r.rootAttribute("status"));
            assertTrue(((String) r.rootAttribute("config")).contains("amplitude_pA: 73"));
            assertEquals(1L, ((Number) r.rootAttribute("seed")).longValue());
        }
    }

    @Test
    void h5pyReadsTheOutputWithSonataTypesAndValues() throws Exception {
        ExternalTools.requirePythonModules("h5py", "numpy");
        Runner.run(load("notebook_rs.yaml", "rs.h5"), RunOptions.quiet());
        double[][] expected = direct(Preset.RS, 70);
        Path csv = dir.resolve("expected_v.txt");
        StringBuilder sb = new StringBuilder();
        for (double x : expected[0]) {
            sb.append(Double.toString(x)).append('\n');
        }
        Files.writeString(csv, sb);
        String script = """
                import sys, h5py, numpy as np
                main, report, expected = sys.argv[1], sys.argv[2], sys.argv[3]
                f = h5py.File(main, 'r')
                assert f.attrs['magic'] == 0x0A7A, f.attrs['magic']
                assert list(f.attrs['version']) == [0, 1]
                for key in ['config', 'simulator_version', 'seed', 'dt_ms', 'duration_ms', 'threads', 'status',
                            'started_at', 'finished_at', 'wall_time_loop_s', 'completed']:
                    assert key in f.attrs, key
                assert f.attrs['dt_ms'] == 0.1
                ts = f['spikes/rs/timestamps']; ids = f['spikes/rs/node_ids']
                assert ts.dtype == np.float64, ts.dtype
                assert ids.dtype == np.uint64, ids.dtype
                assert ts.attrs['units'] in (b'ms', 'ms')
                assert np.all(np.diff(ts[:]) >= 0)
                v_expected = np.loadtxt(expected)
                assert np.array_equal(ts[:], np.flatnonzero(v_expected >= 35) * 0.1)
                r = h5py.File(report, 'r')['report/rs']
                assert r['data'].dtype == np.float64
                assert r['data'].attrs['units'] in (b'mV', 'mV')
                assert r['data'].shape == (10001, 1), r['data'].shape
                assert np.array_equal(r['data'][:, 0], v_expected)
                assert r['mapping/node_ids'].dtype == np.uint64
                assert list(r['mapping/index_pointers'][:]) == [0, 1]
                assert list(r['mapping/element_ids'][:]) == [0]
                t = r['mapping/time'][:]
                assert t[0] == 0.0 and abs(t[1] - 1000.1) < 1e-9 and t[2] == 0.1, t
                assert r['mapping/time'].attrs['units'] in (b'ms', 'ms')
                print('ok', len(ts))
                """;
        String out = ExternalTools.python(script, dir, dir.resolve("rs.h5").toString(),
                OutputLayout.reportPath(dir.resolve("rs.h5"), "rs_v").toString(), csv.toString());
        assertTrue(out.startsWith("ok"), out);
    }

    @Test
    void existingOutputIsRefusedBeforeSimulatingAndKept() throws Exception {
        Path out = dir.resolve("exists.h5");
        Files.writeString(out, "precious");
        Config config = load("notebook_rs.yaml", "exists.h5");
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> Runner.run(config, RunOptions.quiet()));
        assertEquals("precious", Files.readString(out));
        assertFalse(Files.exists(OutputLayout.reportPath(out, "rs_v")), "no report file left behind");
    }

    @Test
    void interruptedRunWritesWhatItRecordedMarkedIncomplete() throws Exception {
        Config config = load("notebook_fs.yaml", "stopped.h5");
        RunOptions options = new RunOptions(p -> { }, Double.POSITIVE_INFINITY,
                new java.util.concurrent.atomic.AtomicBoolean(true));
        RunReport report = Runner.run(config, options);
        assertFalse(report.completed());
        assertEquals(1, report.stepsDone());
        try (SonataReader r = SonataReader.open(dir.resolve("stopped.h5"))) {
            assertTrue(((String) r.rootAttribute("status")).startsWith("interrupted"));
            assertEquals(0L, ((Number) r.rootAttribute("completed")).longValue());
            assertEquals(0.1, ((Number) r.rootAttribute("model_time_reached_ms")).doubleValue(), 1e-12);
        }
        try (SonataReader v = SonataReader.open(OutputLayout.reportPath(dir.resolve("stopped.h5"), "fs_v"))) {
            assertEquals(2, v.reportMetadata("fs").rows());
        }
    }

    @Test
    void numericalBlowUpStopsTheRunNamingNeuronAndTime() throws Exception {
        Config config = new ConfigLoader().parse("""
                simulation: {dt_ms: 0.1, duration_ms: 100}
                populations: [{name: p, model: RS, size: 3, params: {C: 0.001}}]
                inputs: [{type: dc, population: p, amplitude_pA: 1000}]
                """, "blowup.yaml", List.of("output.path='" + dir.resolve("blowup.h5") + "'"));
        RunReport report = Runner.run(config, RunOptions.quiet());
        assertFalse(report.completed());
        assertTrue(report.status().contains("population 'p', neuron 0"), report.status());
        assertTrue(report.status().contains("dt"), report.status());
        // C = 0.001 pF, I = 1000 pA: v of sample 1 is -60 + 0.1 * 1000 / 0.001 = 99,940 mV, beyond the guard's
        // limit (1e4 mV) at the first step, so the run stops at the first check
        assertTrue(report.status().startsWith("numerical fault: population 'p', neuron 0 has v = "), report.status());
        assertTrue(report.stepsDone() < 1000, "stopped early: " + report.stepsDone() + " steps");
        // the output is kept, and says the same as the report: not completed, and why
        try (SonataReader r = SonataReader.open(dir.resolve("blowup.h5"))) {
            assertEquals(report.status(), r.rootAttribute("status"));
        }
    }
}
