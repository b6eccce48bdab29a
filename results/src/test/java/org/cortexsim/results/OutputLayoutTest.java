package org.cortexsim.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout of a run's files as {@link OutputLayout} writes and reads it: file names, the
 * segment table (checked column by column as docs/output-layout.md describes it, then read back),
 * and a hand-made segmented run read through {@link ResultSet}, whose missing files are named.
 */
class OutputLayoutTest {
    @TempDir
    Path dir;

    @Test
    void fileNamesFollowTheStem() {
        Path main = Path.of("/r/run.h5");
        assertEquals(Path.of("/r/run.exc_v.h5"), OutputLayout.reportPath(main, "exc_v"));
        assertEquals(Path.of("/r/run.seg00003.h5"), OutputLayout.segmentPath(main, OutputLayout.SPIKES, 3));
        assertEquals(Path.of("/r/run.exc_v.seg123456.h5"), OutputLayout.segmentPath(main, "exc_v", 123456));
        assertTrue(OutputLayout.segmentFiles(main).matcher("run.exc_v.seg00001.h5").matches());
        assertTrue(OutputLayout.segmentFiles(main).matcher("run.seg00001.h5").matches());
        assertTrue(!OutputLayout.segmentFiles(main).matcher("run2.seg00001.h5").matches());
        assertEquals("/provenance/populations/exc/parameters", OutputLayout.populationParameters("exc"));
    }

    @Test
    void aPartitionedRunsCheckpointIsNamedAsOneFilePerPartition() {
        Path main = Path.of("/r/run.h5");
        assertEquals("/r/run.checkpoint.h5", OutputLayout.describeCheckpoint(OutputLayout.checkpointPath(main)));
        assertEquals("/r/run.part*.checkpoint.h5 (one per partition)",
                OutputLayout.describeCheckpoint(OutputLayout.partCheckpointPath(main, 0)));
    }

    @Test
    void segmentTableIsWrittenAsDocumentedAndReadBack() throws IOException {
        Path main = dir.resolve("run.h5");
        List<ResultSet.Segment> table = List.of(
                new ResultSet.Segment("spikes", dir.resolve("run.seg00001.h5"), 1, 0, 12.5, 40),
                new ResultSet.Segment("vall", dir.resolve("run.vall.seg00001.h5"), 1, 0, 12.5, 125),
                new ResultSet.Segment("spikes", dir.resolve("run.seg00002.h5"), 2, 12.5, 20, 7));
        try (SonataWriter w = SonataWriter.create(main, false)) {
            OutputLayout.writeSegmentTable(w, table, 1L << 20);
            w.commit();
        }
        try (SonataReader r = SonataReader.open(main)) {
            assertEquals(1L << 20, r.rootAttribute("memory_budget_bytes"));
            assertArrayEquals(new String[] {"spikes", "vall", "spikes"}, r.strings("/segments/stream"));
            assertArrayEquals(new String[] {"run.seg00001.h5", "run.vall.seg00001.h5", "run.seg00002.h5"},
                    r.strings("/segments/file"));
            assertArrayEquals(new long[] {1, 1, 2}, r.longs("/segments/index"));
            assertArrayEquals(new double[] {0, 0, 12.5}, r.doubles("/segments/start_ms"));
            assertArrayEquals(new double[] {12.5, 12.5, 20}, r.doubles("/segments/stop_ms"));
            assertArrayEquals(new long[] {40, 125, 7}, r.longs("/segments/count"));
            assertEquals("ms", r.attributes("/segments/stop_ms").get("units"));
            assertEquals(table, OutputLayout.readSegmentTable(r));
        }
    }

    @Test
    void noSegmentsWriteNothing() throws IOException {
        Path main = dir.resolve("run.h5");
        try (SonataWriter w = SonataWriter.create(main, false)) {
            OutputLayout.writeSegmentTable(w, List.of(), 1L << 20);
            w.rootAttribute("status", "completed");
            w.commit();
        }
        try (SonataReader r = SonataReader.open(main)) {
            assertEquals(List.of(), r.children("/segments"));
            assertEquals(null, r.rootAttribute("memory_budget_bytes"));
            assertEquals(List.of(), OutputLayout.readSegmentTable(r));
        }
    }

    @Test
    void aTableWithColumnsOfDifferentLengthsIsRefused() throws IOException {
        Path main = dir.resolve("run.h5");
        try (SonataWriter w = SonataWriter.create(main, false)) {
            w.dataset("/segments/stream", new String[] {"spikes", "spikes"}, Map.of());
            w.dataset("/segments/file", new String[] {"run.seg00001.h5"}, Map.of());
            w.dataset("/segments/index", new long[] {1, 2}, Map.of());
            w.dataset("/segments/start_ms", new double[] {0, 1}, Map.of());
            w.dataset("/segments/stop_ms", new double[] {1, 2}, Map.of());
            w.dataset("/segments/count", new long[] {1, 1}, Map.of());
            w.commit();
        }
        try (SonataReader r = SonataReader.open(main)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputLayout.readSegmentTable(r));
            assertTrue(e.getMessage().contains("differ in length"), e.getMessage());
        }
    }

    /** A run whose spikes are in two segments and whose one report is in a report file. */
    private Path segmentedRun() throws IOException {
        Path main = dir.resolve("run.h5");
        double[][] times = {{0.5, 1.0, 4.9}, {5.0, 7.5}};
        long[][] ids = {{2, 0, 1}, {1, 1}};
        List<ResultSet.Segment> table = new java.util.ArrayList<>();
        for (int k = 0; k < 2; k++) {
            Path file = OutputLayout.segmentPath(main, OutputLayout.SPIKES, k + 1);
            try (SonataWriter w = SonataWriter.create(file, false)) {
                OutputLayout.nameSegment(w, main, OutputLayout.SPIKES, k + 1, 5.0 * k, 5.0 * (k + 1));
                w.spikes("exc", times[k], ids[k], times[k].length, Sorting.BY_TIME);
                w.commit();
            }
            table.add(new ResultSet.Segment(OutputLayout.SPIKES, file, k + 1, 5.0 * k, 5.0 * (k + 1), times[k].length));
        }
        try (SonataWriter w = SonataWriter.create(OutputLayout.reportPath(main, "v0"), false)) {
            OutputLayout.nameReport(w, "v0", "v");
            w.report(new ReportMetadata("exc", "mV", new long[] {0}, 0, 0.3, 0.1, 3, 1), new double[] {-60, -59, -58});
            w.commit();
        }
        try (SonataWriter w = SonataWriter.create(main, false)) {
            w.rootAttribute("status", "completed");
            OutputLayout.listSegmentedSpikePopulations(w, List.of("exc"));
            OutputLayout.listReportFiles(w, main, List.of("v0"));
            OutputLayout.writeSegmentTable(w, table, 1024);
            w.commit();
        }
        return main;
    }

    @Test
    void aHandMadeSegmentedRunReadsThroughResultSet() throws IOException {
        Path main = segmentedRun();
        try (ResultSet r = ResultSet.open(main)) {
            assertTrue(r.isSegmented());
            assertEquals(List.of("exc"), r.spikePopulations());
            SpikeData s = r.spikes("exc");
            assertArrayEquals(new double[] {0.5, 1.0, 4.9, 5.0, 7.5}, s.timestampsMs());
            assertArrayEquals(new long[] {2, 0, 1, 1, 1}, s.nodeIds());
            assertEquals(2, r.spikes("exc", 4.0, 6.0).count());
            assertEquals(List.of("v0"), r.reports());
            assertEquals("v", r.variable("v0"));
            assertArrayEquals(new double[] {-59, -58}, r.reportSlice("v0", 1, 2, 0, 1));
            assertEquals(List.of(), r.missingFiles());
        }
    }

    @Test
    void missingFilesNamesAGoneSegmentAndAGoneReportFile() throws IOException {
        Path main = segmentedRun();
        Files.delete(OutputLayout.segmentPath(main, OutputLayout.SPIKES, 2));
        Files.delete(OutputLayout.reportPath(main, "v0"));
        try (ResultSet r = ResultSet.open(main)) {
            assertEquals(List.of(OutputLayout.reportPath(main, "v0"), OutputLayout.segmentPath(main,
                    OutputLayout.SPIKES, 2)), r.missingFiles());
            NoSuchFileException e = assertThrows(NoSuchFileException.class, r::requireReportFiles);
            assertEquals(OutputLayout.reportPath(main, "v0").toString(), e.getFile());
        }
    }
}
