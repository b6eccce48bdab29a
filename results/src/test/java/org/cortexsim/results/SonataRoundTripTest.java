package org.cortexsim.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SonataRoundTripTest {

    @TempDir
    Path dir;

    private static final double[] AWKWARD = {0.1 + 0.2, Math.PI, 1e-300, Double.MIN_VALUE, 12345.678901234567,
        Math.nextUp(1.0), 1e300};

    @Test
    void spikesRoundTripExactly() throws IOException {
        double[] t = AWKWARD.clone();
        java.util.Arrays.sort(t);
        double[] buffer = java.util.Arrays.copyOf(t, t.length + 5);
        long[] ids = {3, Long.MAX_VALUE, 0, 7, 7, 1L << 40, 2, 99, 99, 99, 99, 99};
        Path out = dir.resolve("spikes.h5");
        try (SonataWriter w = SonataWriter.create(out, false)) {
            w.spikes("exc", buffer, ids, t.length, Sorting.BY_TIME);
            w.spikes("inh", new double[] {5.0, 1.0, 3.0}, new long[] {1, 2, 2}, 3, Sorting.BY_ID);
            assertEquals(out, w.commit());
        }
        try (SonataReader r = SonataReader.open(out)) {
            assertEquals(List.of("exc", "inh"), r.spikePopulations());
            SpikeData exc = r.spikes("exc");
            assertArrayEquals(t, exc.timestampsMs());
            assertArrayEquals(java.util.Arrays.copyOf(ids, t.length), exc.nodeIds());
            assertEquals(Sorting.BY_TIME, exc.sorting());
            assertEquals(t.length, r.spikeCount("exc"));
            SpikeData inh = r.spikes("inh");
            assertArrayEquals(new double[] {5.0, 1.0, 3.0}, inh.timestampsMs());
            assertArrayEquals(new long[] {1, 2, 2}, inh.nodeIds());
            assertEquals(Sorting.BY_ID, r.spikeSorting("inh"));
            assertThrows(IllegalArgumentException.class, () -> r.spikes("nope"));
        }
    }

    @Test
    void spikeTimeWindowMatchesFilteringForBothSortings() throws IOException {
        int n = 1000;
        double[] t = new double[n];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 0.25;
            ids[i] = i % 17;
        }
        double[] byIdT = new double[] {9.0, 1.0, 4.0, 2.5, 7.0};
        long[] byIdIds = new long[] {0, 1, 1, 2, 3};
        Path out = dir.resolve("window.h5");
        try (SonataWriter w = SonataWriter.create(out, false)) {
            w.spikes("exc", t, ids, n, Sorting.BY_TIME).spikes("inh", byIdT, byIdIds, 5, Sorting.BY_ID);
            w.commit();
        }
        try (SonataReader r = SonataReader.open(out)) {
            SpikeData win = r.spikes("exc", 10.0, 20.1);
            assertEquals(41, win.count());
            assertEquals(10.0, win.timestampsMs()[0]);
            assertEquals(20.0, win.timestampsMs()[40]);
            assertEquals(40 % 17, win.nodeIds()[0]);
            assertEquals(0, r.spikes("exc", 1000.0, 2000.0).count());
            assertEquals(n, r.spikes("exc", -1.0, 1e9).count());
            SpikeData inh = r.spikes("inh", 2.5, 7.0);
            assertArrayEquals(new double[] {4.0, 2.5}, inh.timestampsMs());
            assertArrayEquals(new long[] {1, 2}, inh.nodeIds());
        }
    }

    @Test
    void populationWithoutSpikesProducesValidFileAndReadsAsEmpty() throws IOException {
        Path out = dir.resolve("empty.h5");
        try (SonataWriter w = SonataWriter.create(out, false)) {
            w.spikes("silent", new double[0], new long[0], 0, Sorting.BY_TIME);
            w.commit();
        }
        try (SonataReader r = SonataReader.open(out)) {
            assertEquals(List.of("silent"), r.spikePopulations());
            assertEquals(0, r.spikes("silent").count());
            assertEquals(0, r.spikes("silent", 0, 10).count());
            assertEquals(0, r.spikeCount("silent"));
        }
        try (HdfFile f = new HdfFile(out)) {
            assertFalse(f.getChildren().containsKey("spikes"), "no dataset-less /spikes group is written");
        }
    }

    @Test
    void claimedSortingIsVerified() throws IOException {
        try (SonataWriter w = SonataWriter.create(dir.resolve("x.h5"), false)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> w.spikes("p", new double[] {1, 0.5}, new long[] {0, 1}, 2, Sorting.BY_TIME));
            assertTrue(e.getMessage().contains("by_time"), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> w.spikes("p", new double[] {1, 2}, new long[] {4, 1}, 2, Sorting.BY_ID));
            w.spikes("p", new double[] {1, 0.5}, new long[] {4, 1}, 2, Sorting.NONE);
            assertThrows(IllegalArgumentException.class,
                    () -> w.spikes("q", new double[] {1}, new long[] {-1}, 1, Sorting.NONE));
            assertThrows(IllegalArgumentException.class,
                    () -> w.spikes("q", new double[] {Double.NaN}, new long[] {1}, 1, Sorting.NONE));
            assertThrows(IllegalArgumentException.class,
                    () -> w.spikes("q", new double[] {1}, new long[] {1}, 2, Sorting.NONE));
            assertThrows(IllegalArgumentException.class,
                    () -> w.spikes("p", new double[] {1}, new long[] {1}, 1, Sorting.NONE), "duplicate population");
        }
    }

    @Test
    void reportRoundTripWithSlices() throws IOException {
        int rows = 7;
        int cols = 1500;
        double[] data = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                data[r * cols + c] = -65.0 + r * 0.1 + c * 1e-3 + AWKWARD[(r + c) % AWKWARD.length];
            }
        }
        long[] nodeIds = new long[cols];
        for (int c = 0; c < cols; c++) {
            nodeIds[c] = 2L * c + 1;
        }
        Path out = dir.resolve("report.h5");
        try (SonataWriter w = SonataWriter.create(out, false)) {
            w.report(new ReportMetadata("exc", "mV", nodeIds, 0.0, 0.7, 0.1, rows, cols), data, ReportDtype.FLOAT64);
            w.commit();
        }
        try (SonataReader r = SonataReader.open(out)) {
            assertEquals(List.of("exc"), r.reportPopulations());
            ReportMetadata m = r.reportMetadata("exc");
            assertEquals("mV", m.units());
            assertArrayEquals(nodeIds, m.nodeIds());
            assertEquals(0.0, m.startMs());
            // 0.7 / 0.1 truncates to 6: the stored exclusive stop is raised by an ulp so that truncating readers count 7
            assertEquals(Math.nextUp(0.7), m.stopMs());
            assertEquals(0.1, m.dtMs());
            assertEquals(rows, m.rows());
            assertEquals(cols, m.cols());
            assertArrayEquals(data, r.reportSlice("exc", 0, rows, 0, cols));
            double[] block = r.reportSlice("exc", 2, 3, 1000, 300);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 300; j++) {
                    assertEquals(data[(2 + i) * cols + 1000 + j], block[i * 300 + j]);
                }
            }
            assertThrows(IndexOutOfBoundsException.class, () -> r.reportSlice("exc", 5, 3, 0, 1));
        }
        try (HdfFile f = new HdfFile(out)) {
            Dataset d = f.getDatasetByPath("/report/exc/data");
            assertEquals("CHUNKED", d.getDataLayout().name());
            assertArrayEquals(new long[] {0, 1, 2}, java.util.Arrays.copyOf(
                    SonataReader.toLongs(f.getDatasetByPath("/report/exc/mapping/index_pointers").getData()), 3));
            assertEquals(cols + 1, f.getDatasetByPath("/report/exc/mapping/index_pointers").getSize());
            assertArrayEquals(new long[cols],
                    SonataReader.toLongs(f.getDatasetByPath("/report/exc/mapping/element_ids").getData()));
            assertEquals("ms", f.getDatasetByPath("/report/exc/mapping/time").getAttribute("units").getData());
        }
    }

    @Test
    void reportShapesAreValidated() throws IOException {
        try (SonataWriter w = SonataWriter.create(dir.resolve("x.h5"), false)) {
            long[] ids = {1, 2};
            assertThrows(IllegalArgumentException.class,
                    () -> w.report(new ReportMetadata("a", "mV", ids, 0, 1, 0.5, 2, 2), new double[3]), "data length");
            assertThrows(IllegalArgumentException.class,
                    () -> w.report(new ReportMetadata("a", "mV", ids, 0, 1.5, 0.5, 2, 2), new double[4]),
                    "rows vs time axis");
            assertThrows(IllegalArgumentException.class,
                    () -> w.report(new ReportMetadata("a", "mV", new long[] {1}, 0, 1, 0.5, 2, 2), new double[4]),
                    "node ids");
            assertThrows(IllegalArgumentException.class,
                    () -> w.report(new ReportMetadata("a", "mV", new long[] {3, 3}, 0, 1, 0.5, 2, 2), new double[4]),
                    "duplicates");
            assertThrows(IllegalArgumentException.class,
                    () -> w.report(new ReportMetadata("a", "mV", ids, 0, 1, 0, 2, 2), new double[4]), "dt");
            assertThrows(IllegalArgumentException.class,
                    () -> w.report(new ReportMetadata("a", "mV", ids, 0, 0, 0.5, 0, 2), new double[0]), "no rows");
            assertThrows(IllegalArgumentException.class,
                    () -> w.report(new ReportMetadata("a", " ", ids, 0, 1, 0.5, 2, 2), new double[4]), "units");
            w.report(new ReportMetadata("a", "mV", ids, 0, 1, 0.5, 2, 2), new double[4]);
        }
    }

    @Test
    void edgesRoundTripAndEmptyProjection() throws IOException {
        long[] src = {0, 0, 5, Long.MAX_VALUE};
        long[] tgt = {1, 2, 3, 4};
        double[] w8 = {0.5, -1.25, AWKWARD[0], AWKWARD[4]};
        double[] delay = {1.0, 0.1, 20.0, 0.0};
        Path out = dir.resolve("edges.h5");
        try (SonataWriter w = SonataWriter.create(out, false)) {
            w.edges(new EdgeData("exc__inh", "exc", "inh", src, tgt, w8, delay));
            w.edges(new EdgeData("inh__exc", "inh", "exc", new long[0], new long[0], new double[0], new double[0]));
            w.attribute("/edges/exc__inh/0/syn_weight", "units", "pA");
            w.commit();
        }
        try (SonataReader r = SonataReader.open(out)) {
            assertEquals(List.of("exc__inh", "inh__exc"), r.edgePopulations());
            EdgeData e = r.edges("exc__inh");
            assertEquals("exc", e.sourcePopulation());
            assertEquals("inh", e.targetPopulation());
            assertArrayEquals(src, e.sourceNodeIds());
            assertArrayEquals(tgt, e.targetNodeIds());
            assertArrayEquals(w8, e.synWeight());
            assertArrayEquals(delay, e.delayMs());
            assertEquals(0, r.edges("inh__exc").count());
        }
        try (HdfFile f = new HdfFile(out)) {
            assertEquals("pA", f.getDatasetByPath("/edges/exc__inh/0/syn_weight").getAttribute("units").getData());
            assertEquals("ms", f.getDatasetByPath("/edges/exc__inh/0/delay").getAttribute("units").getData());
            assertArrayEquals(new long[4], (long[]) f.getDatasetByPath("/edges/exc__inh/edge_type_id").getData());
        }
        try (SonataWriter w = SonataWriter.create(dir.resolve("bad.h5"), false)) {
            assertThrows(IllegalArgumentException.class,
                    () -> w.edges(new EdgeData("e", "a", "b", new long[] {1}, new long[] {1, 2}, new double[1],
                            new double[1])));
            assertThrows(IllegalArgumentException.class,
                    () -> w.edges(new EdgeData("e", "a", "b", new long[] {1}, new long[] {2}, new double[1],
                            new double[] {-1})));
        }
    }

    @Test
    void rootAttributesRoundTrip() throws IOException {
        Path out = dir.resolve("attrs.h5");
        String config = "network:\n  exc: 800 # µ, é\n";
        try (SonataWriter w = SonataWriter.create(out, false)) {
            w.rootAttribute("config", config)
                    .rootAttribute("dt_ms", 0.1)
                    .rootAttribute("seed", -42L)
                    .rootAttribute("weights", new double[] {AWKWARD[0], AWKWARD[3]})
                    .rootAttribute("counts", new long[] {800, 200})
                    .rootAttribute("names", new String[] {"exc", "", "inh"});
            w.spikes("p", new double[] {1}, new long[] {1}, 1, Sorting.BY_TIME);
            w.commit();
        }
        try (SonataReader r = SonataReader.open(out)) {
            Map<String, Object> a = r.rootAttributes();
            assertEquals((long) SonataWriter.SONATA_MAGIC, a.get("magic"));
            assertArrayEquals(new long[] {0, 1}, (long[]) a.get("version"));
            assertEquals(config, a.get("config"));
            assertEquals(0.1, a.get("dt_ms"));
            assertEquals(-42L, a.get("seed"));
            assertArrayEquals(new double[] {AWKWARD[0], AWKWARD[3]}, (double[]) a.get("weights"));
            assertArrayEquals(new long[] {800, 200}, (long[]) a.get("counts"));
            assertArrayEquals(new String[] {"exc", "", "inh"}, (String[]) a.get("names"));
        }
        try (SonataWriter w = SonataWriter.create(dir.resolve("y.h5"), false)) {
            assertThrows(IllegalArgumentException.class, () -> w.rootAttribute("magic", 1L));
            assertThrows(IllegalArgumentException.class, () -> w.rootAttribute("empty", new long[0]));
            w.rootAttribute("seed", 1L);
            assertThrows(IllegalArgumentException.class, () -> w.rootAttribute("seed", 2L));
        }
    }

    @Test
    void genericDatasetsAreValidatedAndRoundTrip() throws IOException {
        Path out = dir.resolve("prov.h5");
        try (SonataWriter w = SonataWriter.create(out, false)) {
            String base = "/provenance/populations/exc/";
            w.dataset(base + "parameter_names", new String[] {"a", "b", "c", "d"}, Map.of());
            w.dataset(base + "parameter_values", new double[] {0.02, 0.2, -65, 8}, Map.of());
            w.dataset(base + "parameter_units", new String[] {"1/ms", "1/ms", "mV", "mV/ms"}, Map.of());
            w.dataset("/provenance/matrix", new double[][] {{1, 2}, {3, 4}, {5, 6}}, Map.of("units", "pA"));
            assertThrows(IllegalArgumentException.class,
                    () -> w.dataset("/provenance/ragged", new double[][] {{1, 2}, {3}}, Map.of()));
            assertThrows(IllegalArgumentException.class,
                    () -> w.dataset("/provenance/ragged", new long[][] {{1}, {3, 4}}, Map.of()));
            assertThrows(IllegalArgumentException.class,
                    () -> w.dataset("/provenance/zero", new double[0], Map.of()));
            assertThrows(IllegalArgumentException.class,
                    () -> w.dataset("/provenance/zero2", new double[][] {{}, {}}, Map.of()));
            assertThrows(IllegalArgumentException.class,
                    () -> w.dataset("/provenance/float", new float[] {1f}, Map.of()));
            assertThrows(IllegalArgumentException.class,
                    () -> w.dataset("/provenance/matrix", new double[] {1}, Map.of()), "path in use");
            assertThrows(IllegalArgumentException.class,
                    () -> w.dataset("/provenance/matrix/child", new double[] {1}, Map.of()), "dataset as group");
            assertThrows(IllegalArgumentException.class, () -> w.attribute("/nope", "x", "y"));
            w.commit();
        }
        try (HdfFile f = new HdfFile(out)) {
            assertArrayEquals(new double[] {0.02, 0.2, -65, 8},
                    (double[]) f.getDatasetByPath("/provenance/populations/exc/parameter_values").getData());
            assertArrayEquals(new String[] {"1/ms", "1/ms", "mV", "mV/ms"},
                    (String[]) f.getDatasetByPath("/provenance/populations/exc/parameter_units").getData());
            Dataset m = f.getDatasetByPath("/provenance/matrix");
            assertArrayEquals(new int[] {3, 2}, m.getDimensions());
            assertArrayEquals(new double[] {5, 6}, ((double[][]) m.getData())[2]);
            assertEquals("pA", m.getAttribute("units").getData());
        }
    }

    @Test
    void namesWithSlashOrEmptyAreRejected() throws IOException {
        try (SonataWriter w = SonataWriter.create(dir.resolve("x.h5"), false)) {
            assertThrows(IllegalArgumentException.class,
                    () -> w.spikes("a/b", new double[] {1}, new long[] {1}, 1, Sorting.NONE));
            assertThrows(IllegalArgumentException.class,
                    () -> w.spikes("", new double[] {1}, new long[] {1}, 1, Sorting.NONE));
            assertThrows(IllegalArgumentException.class,
                    () -> w.report(new ReportMetadata("x/y", "mV", new long[] {1}, 0, 1, 1, 1, 1), new double[1]));
            assertThrows(IllegalArgumentException.class, () -> w.edges(new EdgeData("e/f", "a", "b", new long[] {1},
                    new long[] {1}, new double[1], new double[1])));
            assertThrows(IllegalArgumentException.class, () -> w.edges(new EdgeData("e", "a/x", "b", new long[] {1},
                    new long[] {1}, new double[1], new double[1])));
            assertThrows(IllegalArgumentException.class, () -> w.rootAttribute("a/b", "x"));
            assertThrows(IllegalArgumentException.class, () -> w.dataset("/p//q", new double[] {1}, Map.of()));
            assertThrows(IllegalArgumentException.class, () -> w.dataset("/p/..", new double[] {1}, Map.of()));
            assertThrows(IllegalArgumentException.class,
                    () -> w.dataset("/p/q", new double[] {1}, Map.of("u/v", "x")));
        }
    }

    @Test
    void existingTargetIsRefusedWithoutOverwriteAndReplacedWithIt() throws IOException {
        Path out = dir.resolve("exists.h5");
        Files.writeString(out, "precious");
        TargetExistsException e = assertThrows(TargetExistsException.class, () -> SonataWriter.create(out, false));
        assertTrue(e.getMessage().contains(out.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals("precious", Files.readString(out));
        try (SonataWriter w = SonataWriter.create(out, true)) {
            w.spikes("p", new double[] {1.5}, new long[] {4}, 1, Sorting.BY_TIME);
            w.commit();
        }
        try (SonataReader r = SonataReader.open(out)) {
            assertArrayEquals(new double[] {1.5}, r.spikes("p").timestampsMs());
        }
        assertEquals(List.of(out), listDir());
    }

    @Test
    void targetAppearingBeforeCommitIsNotReplaced() throws IOException {
        Path out = dir.resolve("late.h5");
        try (SonataWriter w = SonataWriter.create(out, false)) {
            w.spikes("p", new double[] {1.5}, new long[] {4}, 1, Sorting.BY_TIME);
            Files.writeString(out, "someone else's");
            assertThrows(TargetExistsException.class, w::commit);
        }
        assertEquals("someone else's", Files.readString(out));
        assertEquals(List.of(out), listDir());
    }

    @Test
    void closeWithoutCommitLeavesNothing() throws IOException {
        Path out = dir.resolve("abandoned.h5");
        try (SonataWriter w = SonataWriter.create(out, false)) {
            w.spikes("p", new double[] {1.5}, new long[] {4}, 1, Sorting.BY_TIME);
            w.report(new ReportMetadata("p", "mV", new long[] {4}, 0, 1, 1, 1, 1), new double[] {-65});
        }
        assertFalse(Files.exists(out));
        assertEquals(List.of(), listDir(), "no file and no temporary file");
    }

    @Test
    void commitLeavesOnlyTheTargetAndWriterIsSingleUse() throws IOException {
        Path out = dir.resolve("once.h5");
        SonataWriter w = SonataWriter.create(out, false);
        w.spikes("p", new double[] {1.5}, new long[] {4}, 1, Sorting.BY_TIME);
        w.commit();
        assertThrows(IllegalStateException.class, w::commit);
        assertThrows(IllegalStateException.class, () -> w.rootAttribute("x", 1L));
        w.close();
        assertEquals(List.of(out), listDir());
    }

    @Test
    void directoryIsCheckedAtCreate() {
        assertThrows(NoSuchFileException.class, () -> SonataWriter.create(dir.resolve("missing/x.h5"), false));
        assertThrows(IOException.class, () -> SonataWriter.create(dir, true));
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
