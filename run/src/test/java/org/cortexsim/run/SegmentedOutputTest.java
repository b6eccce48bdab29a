package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultInfo;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Segmented output: a tiny memory budget forces several segments, and everything read back
 * through {@link ResultSet} equals an unsegmented run of the same config exactly; state-report
 * selections record exactly the right samples; connectivity written as SONATA edges and read back
 * with {@code from_file} reproduces the spikes.
 */
class SegmentedOutputTest {
    @TempDir
    Path dir;

    private static final String NETWORK = TestConfigs.text("segmented_network.yaml");

    private Path run(String name, String network, String record, String output) throws Exception {
        return TestConfigs.run(dir, name, network + record, output);
    }

    private static final String RECORD_ALL = """
            record:
              spikes: true
              state:
                - {name: exc_all, population: exc, variables: [v, u, I, I_syn], neurons: all}
                - {name: inh_all, population: inh, variables: [v, I], neurons: all}
            """;

    @Test
    void tinyBudgetWritesSegmentsThatReadBackExactlyAsTheUnsegmentedRun() throws Exception {
        Path whole = run("whole", NETWORK, RECORD_ALL, "");
        Path parts = run("parts", NETWORK, RECORD_ALL.replace("spikes: true", "spikes: true\n  memory_budget_MB: 1"),
                "");
        try (ResultSet a = ResultSet.open(whole); ResultSet b = ResultSet.open(parts);
                SonataReader mainB = SonataReader.open(parts)) {
            assertFalse(a.isSegmented());
            assertTrue(mainB.children("/segments").contains("file"));
            assertEquals(List.of("exc", "inh"), mainB.children("/spikes"),
                    "spikes that fit the budget are merged back into the main file");
            assertTrue(b.segments("spikes").isEmpty(), "merged spike segments are not listed");
            try (var files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().matches("parts\\.seg\\d+\\.h5")),
                        "merged spike segments are deleted");
            }
            assertEquals(a.spikePopulations(), b.spikePopulations());
            for (String pop : a.spikePopulations()) {
                SpikeData x = a.spikes(pop);
                SpikeData y = b.spikes(pop);
                assertTrue(x.count() > 20, pop + " fires: " + x.count());
                assertArrayEquals(x.timestampsMs(), y.timestampsMs(), 0.0);
                assertArrayEquals(x.nodeIds(), y.nodeIds());
                assertEquals(x.count(), b.spikeCount(pop));
                SpikeData xw = a.spikes(pop, 55.3, 211.7);
                SpikeData yw = b.spikes(pop, 55.3, 211.7);
                assertArrayEquals(xw.timestampsMs(), yw.timestampsMs(), 0.0);
                assertArrayEquals(xw.nodeIds(), yw.nodeIds());
            }
            assertEquals(List.of("exc_all_v", "exc_all_u", "exc_all_I", "exc_all_I_syn", "inh_all_v", "inh_all_I"),
                    a.reports());
            assertEquals(a.reports(), b.reports());
            for (String report : a.reports()) {
                ReportMetadata ma = a.reportMetadata(report);
                ReportMetadata mb = b.reportMetadata(report);
                assertTrue(b.reportFiles(report).size() >= 3, report + " is segmented");
                assertEquals(3001, ma.rows());
                assertEquals(ma.rows(), mb.rows());
                assertEquals(ma.startMs(), mb.startMs(), 0.0);
                assertEquals(ma.stopMs(), mb.stopMs(), 1e-9);
                assertEquals(ma.dtMs(), mb.dtMs(), 0.0);
                assertEquals(ma.units(), mb.units());
                assertArrayEquals(ma.nodeIds(), mb.nodeIds());
                assertEquals(a.variable(report), b.variable(report));
                assertArrayEquals(a.reportSlice(report, 0, ma.rows(), 0, ma.cols()),
                        b.reportSlice(report, 0, mb.rows(), 0, mb.cols()), 0.0, report);
                int from = (int) b.segments(report).get(0).count() - 3;
                assertArrayEquals(a.reportSlice(report, from, 700, 5, 7), b.reportSlice(report, from, 700, 5, 7), 0.0,
                        report + " slice across segment boundaries");
            }
            ResultInfo ia = ResultInfo.read(whole);
            ResultInfo ib = ResultInfo.read(parts);
            assertEquals(ia.populations(), ib.populations());
            assertEquals(ia.reports().size(), ib.reports().size());
            for (int i = 0; i < ia.reports().size(); i++) {
                assertEquals(ia.reports().get(i).rows(), ib.reports().get(i).rows());
                assertEquals(ia.reports().get(i).stopMs(), ib.reports().get(i).stopMs(), 1e-9);
            }
        }
    }

    /** 1000 FS neurons driven hard: more spikes than 1 MiB holds at 16 bytes a spike. */
    private static final String BUSY = TestConfigs.text("busy_fs.yaml");

    @Test
    void spikesBeyondTheBudgetStayInTheirSegmentsAndReadBackExactly() throws Exception {
        Path whole = run("busy_whole", BUSY.replace("memory_budget_MB: 1", "memory_budget_MB: 64"), "", "");
        Path parts = run("busy_parts", BUSY, "", "");
        try (ResultSet a = ResultSet.open(whole); ResultSet b = ResultSet.open(parts);
                SonataReader mainB = SonataReader.open(parts)) {
            long count = a.spikeCount("fs");
            assertTrue(count > (1L << 20) / 8, "more spikes than 1 MiB of buffer holds (8 bytes each): " + count);
            assertTrue(mainB.children("/spikes").isEmpty(), "spikes beyond the budget live only in segments");
            assertEquals(List.of("fs"), b.spikePopulations());
            List<ResultSet.Segment> spikeSegs = b.segments("spikes");
            assertTrue(spikeSegs.size() >= 2, "segments: " + spikeSegs.size());
            assertEquals(0.0, spikeSegs.get(0).startMs());
            for (int i = 1; i < spikeSegs.size(); i++) {
                assertEquals(spikeSegs.get(i - 1).stopMs(), spikeSegs.get(i).startMs(), 0.0, "contiguous windows");
            }
            assertEquals(2500.0, spikeSegs.get(spikeSegs.size() - 1).stopMs(), 1e-9);
            assertEquals(count, b.spikeCount("fs"));
            assertArrayEquals(a.spikes("fs").timestampsMs(), b.spikes("fs").timestampsMs(), 0.0);
            assertArrayEquals(a.spikes("fs").nodeIds(), b.spikes("fs").nodeIds());
            SpikeData xw = a.spikes("fs", 355.3, 611.7);
            SpikeData yw = b.spikes("fs", 355.3, 611.7);
            assertArrayEquals(xw.timestampsMs(), yw.timestampsMs(), 0.0);
            assertArrayEquals(xw.nodeIds(), yw.nodeIds());
        }
    }

    @Test
    void withinTheBudgetTheLayoutIsUnsegmented() throws Exception {
        Path out = run("fits", NETWORK, RECORD_ALL, "");
        try (SonataReader r = SonataReader.open(out)) {
            assertTrue(r.children("/segments").isEmpty());
            assertEquals(null, r.rootAttribute("memory_budget_bytes"));
            assertEquals(List.of("exc", "inh"), r.spikePopulations());
        }
        for (String report : List.of("exc_all_v", "inh_all_I")) {
            assertTrue(Files.isRegularFile(OutputLayout.reportPath(out, report)));
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".seg")));
        }
    }

    @Test
    void h5pyOpensEverySegmentAsSonataAndItsConcatenationIsTheWholeReport() throws Exception {
        ExternalTools.requirePythonModules("h5py", "numpy");
        Path whole = run("whole", NETWORK, RECORD_ALL, "");
        Path parts = run("parts", NETWORK, RECORD_ALL.replace("spikes: true", "spikes: true\n  memory_budget_MB: 1"),
                "");
        String script = """
                import sys, os, h5py, numpy as np
                whole, parts = sys.argv[1], sys.argv[2]
                d = os.path.dirname(parts)
                m = h5py.File(parts, 'r')
                seg = m['segments']
                streams = [s.decode() if isinstance(s, bytes) else s for s in seg['stream'][:]]
                files = [s.decode() if isinstance(s, bytes) else s for s in seg['file'][:]]
                assert seg['start_ms'].attrs['units'] in (b'ms', 'ms')
                W = h5py.File(whole, 'r')
                assert 'spikes' not in streams
                for pop in ('exc', 'inh'):
                    assert m['spikes/' + pop + '/node_ids'].dtype == np.uint64
                    assert np.array_equal(m['spikes/' + pop + '/timestamps'][:], W['spikes/' + pop + '/timestamps'][:])
                    assert np.array_equal(m['spikes/' + pop + '/node_ids'][:], W['spikes/' + pop + '/node_ids'][:])
                for report, pop in (('exc_all_v', 'exc'), ('inh_all_I', 'inh')):
                    rows, last_stop = [], None
                    for s, f in zip(streams, files):
                        if s != report:
                            continue
                        r = h5py.File(os.path.join(d, f), 'r')['report/' + pop]
                        t = r['mapping/time'][:]
                        assert r['data'].shape[0] == round((t[1] - t[0]) / t[2])
                        if last_stop is not None:
                            assert abs(t[0] - last_stop) < 1e-9, (t, last_stop)
                        last_stop = t[1]
                        rows.append(r['data'][:])
                    stem = os.path.basename(whole)[:-3]
                    full = h5py.File(os.path.join(d, stem + '.' + report + '.h5'), 'r')['report/' + pop]
                    assert np.array_equal(np.concatenate(rows), full['data'][:])
                    assert abs(last_stop - full['mapping/time'][1]) < 1e-9
                print('ok', len(files))
                """;
        String out = ExternalTools.python(script, dir, whole.toString(), parts.toString());
        assertTrue(out.startsWith("ok"), out);
    }
}
