package org.cortexsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cortexsim.results.SonataReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local sweeps: every run once, thread budget, summary files, resume after a crash, and collect. */
class LocalSweepTest {
    @TempDir
    Path dir;

    Sweep sweep() throws Exception {
        Files.writeString(dir.resolve("base.yaml"), SweepFileTest.BASE.replace("duration_ms: 50", "duration_ms: 100")
                + "output: {path: ignored.h5}\n");
        Files.writeString(dir.resolve("s.yaml"), """
                base: base.yaml
                axes:
                  inputs[0].amplitude_pA: [30, 60, 90]
                seeds: [1, 2]
                """);
        return Sweep.load(dir.resolve("s.yaml"));
    }

    @Test
    void budgetKeepsRunsTimesThreadsWithinCores() {
        SweepOptions o = new SweepOptions(0, 0, 8, s -> { });
        assertEquals(8, o.parallelFor(20));
        assertEquals(1, o.threadsFor(8));
        assertEquals(3, o.parallelFor(3));
        assertEquals(2, o.threadsFor(3));
        SweepOptions t = new SweepOptions(0, 4, 8, s -> { });
        assertEquals(2, t.parallelFor(20));
        assertEquals(4, t.threadsFor(2));
    }

    @Test
    void runsEveryRunOnceAndWritesTheSummary() throws Exception {
        Sweep s = sweep();
        List<String> log = new ArrayList<>();
        SweepReport r = LocalSweep.run(s, new SweepOptions(0, 0, 2, msg -> {
            synchronized (log) {
                log.add(msg);
            }
        }));
        assertEquals(6, r.ran());
        assertTrue(r.allCompleted());
        for (int k = 0; k < 6; k++) {
            assertEquals(k, r.outcomes().get(k).index());
            assertTrue(RunOutcome.isComplete(s.runs().get(k).output()));
        }
        assertTrue(r.outcomes().get(0).populations().get(0).spikes() < r.outcomes().get(4).populations().get(0)
                .spikes(), "more drive, more spikes");
        assertNotEquals(r.outcomes().get(4).spikesSha256(), r.outcomes().get(5).spikesSha256(), "seeds differ");
        assertTrue(log.stream().anyMatch(l -> l.contains("6/6 runs done") && l.contains("ETA")), log.toString());
        List<String> csv = Files.readAllLines(r.summaryCsv());
        assertEquals(7, csv.size());
        assertTrue(csv.get(0).startsWith("index,status,seed,inputs[0].amplitude_pA,exc_spikes,exc_rate_hz,wall_s"));
        assertTrue(csv.get(6).startsWith("5,completed,2,90," + r.outcomes().get(5).populations().get(0).spikes() + ","),
                csv.get(6));
        try (SonataReader h5 = SonataReader.open(r.summaryH5())) {
            assertEquals(List.of("index", "member", "message", "output", "parameters", "populations", "seed",
                    "spikes_sha256", "status", "wall_s"), h5.children("/runs").stream().sorted().toList());
        }
    }

    @Test
    void rerunSkipsCompleteOutputsAndRedoesMissingAndIncompleteOnes() throws Exception {
        Sweep s = sweep();
        SweepReport first = LocalSweep.run(s, new SweepOptions(0, 0, 2, m -> { }));
        Path lost = s.runs().get(1).output();
        Files.delete(lost);
        Path broken = s.runs().get(4).output();
        Files.write(broken, new byte[] {1, 2, 3});
        long untouched = Files.getLastModifiedTime(s.runs().get(0).output()).toMillis();
        assertFalse(RunOutcome.isComplete(broken));

        SweepReport second = LocalSweep.run(s, new SweepOptions(0, 0, 2, m -> { }));
        assertEquals(2, second.ran());
        assertEquals(4, second.skipped());
        assertEquals(untouched, Files.getLastModifiedTime(s.runs().get(0).output()).toMillis());
        for (int k = 0; k < 6; k++) {
            assertEquals(first.outcomes().get(k).spikesSha256(), second.outcomes().get(k).spikesSha256(), "run " + k);
        }
        assertEquals(7, Files.readAllLines(second.summaryCsv()).size());

        Files.delete(s.runs().get(2).output());
        Files.delete(second.summaryCsv());
        SweepReport collected = LocalSweep.collect(s);
        assertEquals(1, collected.missing());
        assertEquals("missing", collected.outcomes().get(2).status());
        assertEquals(first.outcomes().get(3).spikesSha256(), collected.outcomes().get(3).spikesSha256());
        assertEquals(7, Files.readAllLines(collected.summaryCsv()).size());
        assertTrue(Files.readAllLines(collected.summaryCsv()).get(3).endsWith(",no output file"));
        summaryH5HasTheCsvMessages(collected.summaryH5());
    }

    /**
     * summary.h5 holds the CSV's message column as {@code /runs/message} ("-" for none), read with
     * h5py: run 2 of the collected sweep is missing its output, the others have no message.
     */
    private static void summaryH5HasTheCsvMessages(Path summary) throws Exception {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        String script = """
                import sys, h5py
                if not __debug__:
                    raise SystemExit("python assertions are disabled (-O): the check would prove nothing")
                with h5py.File(sys.argv[1], "r") as f:
                    m = [x.decode() for x in f["runs/message"][:]]
                    status = [x.decode() for x in f["runs/status"][:]]
                assert m == ["-", "-", "no output file", "-", "-", "-"], m
                assert status == ["completed"] * 2 + ["missing"] + ["completed"] * 3, status
                print("ok")
                """;
        Process check;
        try {
            check = new ProcessBuilder(python, "-c", "import h5py").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            check = null;
        }
        if (check == null || check.waitFor() != 0) {
            System.err.println("NOTICE: skipping the h5py check of summary.h5: " + python
                    + " with h5py not found (apt-get install python3-h5py; CI installs it)");
            org.junit.jupiter.api.Assumptions.abort(python + " with h5py not found");
        }
        ProcessBuilder pb = new ProcessBuilder(python, "-c", script, summary.toString()).redirectErrorStream(true);
        pb.environment().remove("PYTHONOPTIMIZE"); // it would strip the script's asserts
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.startsWith("ok"), out);
    }

    @Test
    void runIndexRunsExactlyThatRun() throws Exception {
        Sweep s = sweep();
        RunOutcome o = LocalSweep.runIndex(s, 3, 1);
        assertEquals(3, o.index());
        assertTrue(o.completed());
        try (var files = Files.list(s.outputDir())) {
            assertEquals(List.of(s.runs().get(3).output()), files.toList());
        }
    }
}
