package org.cortexsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose runs are written in segments (recordings over {@code record.memory_budget_MB}):
 * the summary's spike checksum is the checksum of the spikes the run holds (read through {@link
 * ResultSet}, and equal to that of the same run written unsegmented), runs with different input
 * have different checksums, and a run that lost a segment file is incomplete, so resuming runs it
 * again. The checksums are checked before the segment files are deleted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SegmentedSweepTest {
    /** SHA-256 of no bytes at all: what a checksum over no spike population comes out as. */
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /**
     * 1500 RS neurons at 300 to 500 pA fire some 80,000 to 150,000 spikes in 1 s: more than a 1 MiB
     * budget holds at 16 bytes a spike, so the spikes stay in their segments also where a run
     * merges segmented spikes that fit the budget back into the main file.
     */
    private static final String BASE = """
            simulation: {dt_ms: 0.1, duration_ms: 1000, seed: 11}
            populations:
              - {name: exc, model: RS, size: 1500, params: {a: {type: uniform, low: 0.02, high: 0.04}}}
            inputs:
              - {type: dc, population: exc, amplitude_pA: 300}
            record:
              spikes: true
              BUDGET
              state:
                - {name: vall, population: exc, variables: [v], neurons: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
                   13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]}
            output: {path: ignored.h5}
            """;

    @TempDir
    static Path dir;

    static Sweep segmented;
    static SweepReport report;
    static SweepReport twin;

    private static Sweep sweep(String name, String budget) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        Files.writeString(d.resolve("base.yaml"), BASE.replace("BUDGET", budget));
        Files.writeString(d.resolve("s.yaml"), """
                base: base.yaml
                axes:
                  inputs[0].amplitude_pA: [300, 400, 500]
                """);
        return Sweep.load(d.resolve("s.yaml"));
    }

    @BeforeAll
    static void runBoth() throws Exception {
        segmented = sweep("segmented", "memory_budget_MB: 1");
        report = LocalSweep.run(segmented, new SweepOptions(0, 0, 2, m -> { }));
        twin = LocalSweep.run(sweep("whole", ""), new SweepOptions(0, 0, 2, m -> { }));
        assertTrue(report.allCompleted() && twin.allCompleted());
        for (SweepRun run : segmented.runs()) {
            try (ResultSet r = ResultSet.open(run.output())) {
                assertTrue(r.segments("spikes").size() >= 2, "spikes must be segmented: " + r.segments("spikes"));
                assertTrue(r.segments("vall").size() >= 2, "the report must be segmented: " + r.segments("vall"));
                assertTrue(r.spikeCount("exc") > (1 << 20) / 16, "more spikes than the budget holds: "
                        + r.spikeCount("exc"));
            }
        }
    }

    /** SHA-256 as documented by {@link RunOutcome#spikeChecksum}, over the spikes read through ResultSet. */
    private static String checksumThroughResultSet(Path main) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (ResultSet r = ResultSet.open(main)) {
            List<String> pops = new ArrayList<>(r.spikePopulations());
            pops.sort(null);
            for (String pop : pops) {
                md.update(pop.getBytes(StandardCharsets.UTF_8));
                SpikeData s = r.spikes(pop);
                ByteBuffer b = ByteBuffer.allocate(4 + 16 * s.count()).putInt(s.count());
                for (int i = 0; i < s.count(); i++) {
                    b.putLong(s.nodeIds()[i]).putLong(Double.doubleToLongBits(s.timestampsMs()[i]));
                }
                md.update(b.array());
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    @Order(1)
    void summaryChecksumIsThatOfTheRunsSpikes() throws Exception {
        List<String> csv = Files.readAllLines(report.summaryCsv());
        int column = List.of(csv.get(0).split(",")).indexOf("spikes_sha256");
        for (int k = 0; k < segmented.runs().size(); k++) {
            String sha = report.outcomes().get(k).spikesSha256();
            assertEquals(checksumThroughResultSet(segmented.runs().get(k).output()), sha, "run " + k);
            assertEquals(twin.outcomes().get(k).spikesSha256(), sha, "run " + k + " written unsegmented");
            assertEquals(sha, csv.get(k + 1).split(",")[column], "summary.csv, run " + k);
            assertNotEquals(EMPTY_SHA256, sha, "run " + k);
        }
        assertNotEquals(report.outcomes().get(0).spikesSha256(), report.outcomes().get(1).spikesSha256());
        assertNotEquals(report.outcomes().get(1).spikesSha256(), report.outcomes().get(2).spikesSha256());
        assertEquals(twin.outcomes().get(2).populations(), report.outcomes().get(2).populations());
    }

    @Test
    @Order(2)
    void aRunThatLostASegmentIsIncompleteAndRunsAgain() throws Exception {
        SweepRun spikesLost = segmented.runs().get(0);
        SweepRun reportLost = segmented.runs().get(2);
        Path spikeSegment;
        Path reportSegment;
        try (ResultSet a = ResultSet.open(spikesLost.output()); ResultSet b = ResultSet.open(reportLost.output())) {
            spikeSegment = a.segments("spikes").get(1).file();
            reportSegment = b.segments("vall").get(0).file();
        }
        assertTrue(RunOutcome.isComplete(spikesLost.output()));
        Files.delete(spikeSegment);
        Files.delete(reportSegment);
        assertFalse(RunOutcome.isComplete(spikesLost.output()), "a spike segment is gone");
        assertFalse(RunOutcome.isComplete(reportLost.output()), "a report segment is gone");
        assertTrue(RunOutcome.isComplete(segmented.runs().get(1).output()));

        SweepReport again = LocalSweep.run(segmented, new SweepOptions(0, 0, 2, m -> { }));
        assertEquals(2, again.ran());
        assertEquals(1, again.skipped());
        assertTrue(Files.isRegularFile(spikeSegment) && Files.isRegularFile(reportSegment), "written again");
        for (int k = 0; k < segmented.runs().size(); k++) {
            assertEquals(report.outcomes().get(k).spikesSha256(), again.outcomes().get(k).spikesSha256(), "run " + k);
            assertTrue(RunOutcome.isComplete(segmented.runs().get(k).output()), "run " + k);
        }
    }
}
