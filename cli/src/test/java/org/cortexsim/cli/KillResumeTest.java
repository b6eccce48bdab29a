package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments: a real {@code cortexsim run --checkpoint-every} in a child
 * JVM is killed with SIGKILL after a random wall time (seeds printed, so a failing trial can be
 * replayed with {@code -Dcortexsim.killSeed=SEED}). Whatever moment it died at, the main file it
 * left (if any) is the index of what was kept: {@link ResultSet}, {@code info} and {@code plot} read it, every
 * file it lists is there and readable (by libsonata too, where available), and what it holds
 * equals the uninterrupted run up to the model time it reached. Then {@code --resume} (sometimes
 * itself killed and resumed again; the last one in this JVM), on 1 or 2 threads at random
 * (more threads than this machine's 2 cores only slow a run down; CheckpointResumeTest resumes on
 * 3 and 4), completes the run with outputs identical, value for value, to the uninterrupted run.
 * A plastic network (STDP with per-synapse delays, Tsodyks-Markram, a spike source) goes through
 * fewer trials; its weights (report and edges) are compared too.
 */
class KillResumeTest {
    private static final int TRIALS = 10;

    @TempDir
    Path dir;

    private static final String CONFIG = TestConfigs.text("kill_resume.yaml");

    /**
     * The same network made plastic: E->E under STDP with per-synapse delays of 1-20 ms, E->I under
     * Tsodyks-Markram, and a spike source onto E under STDP with one delay; it records the E->E
     * weights and writes the edges (final and initial weights).
     */
    private static final String PLASTIC_CONFIG = TestConfigs.text("kill_resume_plastic.yaml");

    private static final String EVERY_MS = "100";
    private static final String SPLIT_PROPERTY = "cortexsim.minNeuronsPerThread";
    private static final String SPLIT = "-D" + SPLIT_PROPERTY + "=64";

    @Test
    void killedAtRandomMomentsTheRunResumesToTheOutputsOfAnUninterruptedOne() throws Exception {
        boolean libsonata = libsonataAvailable();
        int segments = killAndResume(CONFIG, TRIALS, "net", libsonata);
        if (libsonata) {
            Path reference = dir.resolve("net-reference.h5");
            List<Path> files = new ArrayList<>(List.of(reference));
            try (ResultSet r = ResultSet.open(reference)) {
                for (String report : r.reports()) {
                    files.addAll(r.reportFiles(report));
                }
            }
            int[] read = readWithLibsonata(files);
            assertTrue(read[0] > 0 && read[1] > 0, "libsonata read the reference's spikes and reports: "
                    + java.util.Arrays.toString(read));
            System.out.println("KillResumeTest: libsonata read " + segments + " segment files the killed runs kept"
                    + " (each before the resume merged it away) and the uninterrupted run's " + files.size()
                    + " files, to h5py's values");
        }
    }

    /**
     * The plastic network, in fewer trials (each costs a few seconds): the resumed runs' weights
     * (the weight report, the edges' final and initial weights) equal the uninterrupted run's too.
     */
    @Test
    void aPlasticRunKilledAtRandomMomentsResumesToTheOutputsOfAnUninterruptedOne() throws Exception {
        killAndResume(PLASTIC_CONFIG, 3, "plastic", false);
        try (SonataReader r = SonataReader.open(dir.resolve("plastic-reference.h5"))) {
            assertFalse(java.util.Arrays.equals(r.doubles("/edges/ee/0/syn_weight"),
                    r.doubles("/edges/ee/0/syn_weight_initial")), "STDP changed the E->E weights");
            assertTrue(r.spikes("src").count() == 14, "the source's 14 given spikes");
        }
    }

    /**
     * {@code trials} trials of kill -9 at a random moment (and maybe again while resuming), then
     * a resume to completion; with {@code libsonata}, the segment files each killed run kept are read
     * with libsonata before the resume merges them away. Returns how many segment files libsonata read.
     */
    private int killAndResume(String text, int trials, String name, boolean libsonata) throws Exception {
        Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, text);
        Path reference = dir.resolve(name + "-reference.h5");
        long begin = System.nanoTime();
        Process ref = child(config, reference, 1, false);
        assertTrue(ref.waitFor(120, TimeUnit.SECONDS), "the reference run ends");
        assertEquals(0, ref.exitValue(), "the reference run completes");
        long runMs = (System.nanoTime() - begin) / 1_000_000;
        System.out.println("KillResumeTest: an uninterrupted run takes " + runMs + " ms here (JVM start included);"
                + " kills come at random within it");
        long master = Long.getLong("cortexsim.killSeed", System.nanoTime());
        System.out.println("KillResumeTest: master seed " + master + " (replay with -Dcortexsim.killSeed=" + master + ")");
        Random seeds = new Random(master);
        List<Path> kept = new ArrayList<>();
        int readByLibsonata = 0;
        int killedMidRun = 0;
        for (int trial = 0; trial < trials; trial++) {
            long seed = seeds.nextLong();
            Random r = new Random(seed);
            Path out = dir.resolve(name + "-trial" + trial + ".h5");
            int threads = 1 + r.nextInt(2);
            long killAfterMs = runMs / 20 + (long) (r.nextDouble() * runMs * 0.9);
            System.out.println("KillResumeTest: trial " + trial + " seed " + seed + ": " + threads
                    + " thread(s), SIGKILL after " + killAfterMs + " ms");
            boolean died = runAndKill(config, out, threads, false, killAfterMs);
            killedMidRun += died ? 1 : 0;
            System.out.println("KillResumeTest: trial " + trial + ": " + (died ? "killed while running" : "had finished"));
            checkWhatWasKept(out, reference, kept);
            readByLibsonata += libsonata ? readKept(kept) : 0;
            if (died && r.nextBoolean()) {
                int again = 1 + r.nextInt(2);
                long after = runMs / 5 + (long) (r.nextDouble() * runMs * 0.7);
                System.out.println("KillResumeTest: trial " + trial + ": resumed on " + again
                        + " thread(s), SIGKILL again after " + after + " ms");
                runAndKill(config, out, again, true, after);
                checkWhatWasKept(out, reference, kept);
                readByLibsonata += libsonata ? readKept(kept) : 0;
            }
            int last = 1 + r.nextInt(2);
            long t0 = System.nanoTime();
            CliTest.Outcome resumed = here(config, out, last, true);
            System.out.printf(java.util.Locale.ROOT, "KillResumeTest: trial %d: resumed here on %d thread(s) in %.1f s%n",
                    trial, last, (System.nanoTime() - t0) / 1e9);
            assertEquals(0, resumed.code(), "trial " + trial + " (seed " + seed + "): the resumed run completes: "
                    + resumed.err());
            assertSameResults(reference, out, "trial " + trial + " (seed " + seed + ")");
            assertFalse(Files.exists(OutputLayout.checkpointPath(out)), "the completed run deleted its checkpoint");
        }
        assertTrue(killedMidRun >= Math.max(1, trials / 2), killedMidRun + " of " + trials
                + " trials were killed while running");
        return readByLibsonata;
    }

    /** Reads the segment files just kept with libsonata (while they exist), then forgets them; returns how many. */
    private static int readKept(List<Path> kept) throws Exception {
        List<Path> files = kept.stream().distinct().toList();
        kept.clear();
        if (!files.isEmpty()) {
            readWithLibsonata(files);
        }
        return files.size();
    }

    /**
     * SIGINT and SIGTERM stop a run that checkpoints at the next step: it writes a checkpoint there
     * and its output (exit 1, saying how to continue), and {@code --resume} completes it with the
     * outputs of a run never stopped.
     */
    @Test
    void sigintOrSigtermCheckpointsAndResumeContinuesIdentically() throws Exception {
        Path config = dir.resolve("net.yaml");
        Files.writeString(config, CONFIG.replace("duration_ms: 1000", "duration_ms: 3000"));
        Path reference = dir.resolve("reference.h5");
        assertEquals(0, here(config, reference, 1, false).code(), "the reference run completes");
        for (String signal : List.of("INT", "TERM")) {
            Path out = dir.resolve("signalled-" + signal + ".h5");
            // SIGTERM's run was started with --overwrite, which --resume refuses: the hint says to swap them
            boolean overwrite = signal.equals("TERM");
            Process p = overwrite ? child(config, out, 2, false, "--overwrite") : child(config, out, 2, false);
            assumeSignalNotIgnored(p.pid(), signal.equals("INT") ? 2 : 15);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!OutputLayout.checkpointPath(out).toFile().exists() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "running when signalled (after its first checkpoint)");
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(ExitCodes.FAILURE, p.exitValue(), err);
            assertTrue(err.contains("continue with the same command and --resume"), err);
            assertEquals(overwrite, err.contains("--resume in place of --overwrite"), err);
            double stopped;
            try (SonataReader r = SonataReader.open(out)) {
                assertTrue(String.valueOf(r.rootAttribute("status")).startsWith("interrupted at t = "));
                stopped = ((Number) r.rootAttribute("model_time_reached_ms")).doubleValue();
            }
            Object checkpointAt = org.cortexsim.results.CheckpointFile.read(OutputLayout.checkpointPath(out))
                    .attributes().get("model_time_ms");
            assertEquals(stopped, ((Number) checkpointAt).doubleValue(), 1e-9,
                    "SIG" + signal + ": checkpointed where it stopped");
            CliTest.Outcome resumed = here(config, out, 1, true);
            assertEquals(0, resumed.code(), resumed.err());
            assertSameResults(reference, out, "SIG" + signal);
        }
    }

    /** Starts a run in a child JVM; returns whether SIGKILL ended it (false: it had finished). */
    private boolean runAndKill(Path config, Path out, int threads, boolean resume, long afterMs) throws Exception {
        Process p = child(config, out, threads, resume);
        if (p.waitFor(afterMs, TimeUnit.MILLISECONDS)) {
            return false;
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        if (p.exitValue() == 0) {
            return false;
        }
        assertEquals(137, p.exitValue(), "killed by SIGKILL");
        return true;
    }

    /** {@code run} (with {@code --resume}) in this JVM, splitting the small network between threads as the children do. */
    private static CliTest.Outcome here(Path config, Path out, int threads, boolean resume) {
        String before = System.getProperty(SPLIT_PROPERTY);
        System.setProperty(SPLIT_PROPERTY, "64");
        try {
            List<String> args = new ArrayList<>(List.of("run", config.toString(), "-o", out.toString(), "--threads",
                    Integer.toString(threads), "--quiet", "--checkpoint-every", EVERY_MS));
            if (resume) {
                args.add("--resume");
            }
            return CliTest.run(args.toArray(String[]::new));
        } finally {
            if (before == null) {
                System.clearProperty(SPLIT_PROPERTY);
            } else {
                System.setProperty(SPLIT_PROPERTY, before);
            }
        }
    }

    /** Skips when the child inherited the signal ignored (as under nohup), as InterruptTest does. */
    private static void assumeSignalNotIgnored(long pid, int number) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            System.err.println("NOTICE: skipping KillResumeTest (SIGINT/SIGTERM): no " + status + " to check the signal disposition"
                    + " (needs Linux /proc)");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(status), "needs Linux /proc");
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                if ((mask & (1L << (number - 1))) != 0) {
                    System.err.println("NOTICE: skipping KillResumeTest (SIGINT/SIGTERM): signal " + number + " is ignored in this"
                            + " environment (started under nohup?); run the build without it");
                }
                org.junit.jupiter.api.Assumptions.assumeTrue((mask & (1L << (number - 1))) == 0,
                        "signal " + number + " is ignored in this environment (started under nohup?)");
            }
        }
    }

    private static Process child(Path config, Path out, int threads, boolean resume, String... extra)
            throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, SPLIT, "-cp", classpath, Main.class.getName(), "run",
                config.toString(), "-o", out.toString(), "--threads", Integer.toString(threads), "--quiet"));
        if (resume) {
            command.add("--resume");
        }
        command.addAll(List.of("--checkpoint-every", EVERY_MS));
        command.addAll(List.of(extra));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * What a killed run left: no main file (killed before it wrote its first index), or a main file
     * that indexes readable files holding exactly the uninterrupted run's values up to the time it
     * reached; and {@code info} reads it.
     */
    private static void checkWhatWasKept(Path out, Path reference, List<Path> kept) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        try (ResultSet index = ResultSet.open(out); ResultSet ref = ResultSet.open(reference)) {
            assertTrue(index.missingFiles().isEmpty(), "every file the index lists is there: " + index.missingFiles());
            double reached = ((Number) index.provenance().get("model_time_reached_ms")).doubleValue();
            for (String pop : index.spikePopulations()) {
                SpikeData have = index.spikes(pop);
                SpikeData want = ref.spikes(pop, 0, reached);
                assertArrayEquals(want.timestampsMs(), have.timestampsMs(), 0.0, pop + " up to " + reached + " ms");
                assertArrayEquals(want.nodeIds(), have.nodeIds(), pop + " up to " + reached + " ms");
            }
            for (String report : index.reports()) {
                ReportMetadata m = index.reportMetadata(report);
                assertArrayEquals(ref.reportSlice(report, 0, m.rows(), 0, m.cols()),
                        index.reportSlice(report, 0, m.rows(), 0, m.cols()), 0.0, report + " up to " + reached + " ms");
            }
            for (ResultSet.Segment s : index.segments()) {
                try (SonataReader seg = SonataReader.open(s.file())) {
                    kept.add(s.file());
                    assertEquals(s.stream(), seg.rootAttribute("segment_stream"));
                }
            }
        }
        CliTest.Outcome info = CliTest.run("info", out.toString());
        assertEquals(0, info.code(), info.err());
        assertTrue(info.out().contains("exc"), info.out());
        boolean hasCheckpoint;
        try (ResultSet index = ResultSet.open(out)) {
            hasCheckpoint = index.provenance().get("checkpoint_model_time_ms") != null;
        }
        if (hasCheckpoint) {
            assertTrue(info.out().contains("checkpoint  t = ") && info.out().contains("--resume"), info.out());
        }
        boolean spikesKept;
        try (ResultSet index = ResultSet.open(out)) {
            spikesKept = !index.segments(OutputLayout.SPIKES).isEmpty();
        }
        if (spikesKept) {
            Path png = out.resolveSibling(out.getFileName() + ".killed.png");
            CliTest.Outcome plot = CliTest.run("plot", out.toString(), "--kind", "raster", "-o", png.toString());
            assertEquals(0, plot.code(), plot.err());
            assertTrue(Files.size(png) > 0);
            Files.delete(png);
        }
    }

    private static void assertSameResults(Path expected, Path actual, String what) throws IOException {
        try (ResultSet a = ResultSet.open(expected); ResultSet b = ResultSet.open(actual)) {
            assertEquals("completed", b.provenance().get("status"), what);
            assertFalse(b.isSegmented(), what + ": merged back at completion, as an uninterrupted run");
            for (String pop : a.spikePopulations()) {
                assertArrayEquals(a.spikes(pop).timestampsMs(), b.spikes(pop).timestampsMs(), 0.0, what + ": " + pop);
                assertArrayEquals(a.spikes(pop).nodeIds(), b.spikes(pop).nodeIds(), what + ": " + pop);
            }
            assertEquals(a.reports(), b.reports(), what);
            for (String report : a.reports()) {
                ReportMetadata m = a.reportMetadata(report);
                assertEquals(m.rows(), b.reportMetadata(report).rows(), what + ": " + report);
                assertArrayEquals(a.reportSlice(report, 0, m.rows(), 0, m.cols()),
                        b.reportSlice(report, 0, m.rows(), 0, m.cols()), 0.0, what + ": " + report);
            }
        }
        try (SonataReader a = SonataReader.open(expected); SonataReader b = SonataReader.open(actual)) {
            for (String column : List.of("syn_weight", "syn_weight_initial")) {
                for (String projection : List.of("ee", "se", "ei")) {
                    String path = "/edges/" + projection + "/0/" + column;
                    if (a.isDataset(path)) {
                        assertArrayEquals(a.doubles(path), b.doubles(path), 0.0, what + ": " + path);
                    }
                }
            }
        }
    }

    private static Path libsonataTools() {
        return Path.of("").toAbsolutePath().normalize().getParent().resolveSibling("shared").resolve("tools");
    }

    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** Whether python3 imports libsonata (from ../shared/tools), h5py and numpy; a NOTICE when not. */
    private static boolean libsonataAvailable() throws Exception {
        ProcessBuilder probe = new ProcessBuilder(python(), "-c", "import libsonata, h5py, numpy")
                .redirectErrorStream(true);
        probe.environment().put("PYTHONPATH", libsonataTools().toString());
        Process p = probe.start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            System.err.println("NOTICE: skipping the libsonata part of KillResumeTest: python3 cannot import libsonata"
                    + " from " + libsonataTools() + " (CI has it in ../shared/tools beside the clone)");
            return false;
        }
        return true;
    }

    /**
     * libsonata, the reference SONATA reader, reads {@code files} to the values h5py reads from the
     * same datasets: every spike population's node ids and times in order, and every float32
     * report's node ids and data (libsonata refuses float64 report data, as documented, so a float64
     * report is only checked to be refused). Returns the spike populations and reports compared;
     * fails if there was nothing to compare.
     */
    private static int[] readWithLibsonata(List<Path> files) throws Exception {
        String script = """
                import sys, libsonata, h5py, numpy as np
                if not __debug__:
                    raise SystemExit("python assertions are disabled (-O): the check would prove nothing")
                spikes, reports = 0, 0
                for path in sys.argv[1:]:
                    with h5py.File(path, 'r') as f:
                        want_spikes = {pop: (f['spikes'][pop]['node_ids'][:], f['spikes'][pop]['timestamps'][:])
                                       for pop in (f['spikes'] if 'spikes' in f else [])}
                        want_reports = {pop: (f['report'][pop]['mapping/node_ids'][:], f['report'][pop]['data'][:],
                                              int(f['report'][pop]['mapping/node_ids'].attrs['sorted']))
                                        for pop in (f['report'] if 'report' in f else [])}
                    if want_spikes:
                        r = libsonata.SpikeReader(path)
                        assert sorted(r.get_population_names()) == sorted(want_spikes), (path, r.get_population_names())
                        for pop, (ids, t) in want_spikes.items():
                            got = r[pop].get()
                            assert [i for i, _ in got] == ids.tolist(), (path, pop, 'node ids')
                            assert np.array_equal(np.array([x for _, x in got], dtype=np.float64).reshape(-1), t), \\
                                (path, pop, 'times')
                            spikes += 1
                    for pop, (ids, data, is_sorted) in want_reports.items():
                        rep = libsonata.SomaReportReader(path)[pop]
                        if data.dtype == np.float32:
                            got = rep.get()
                            order = np.argsort(ids, kind='stable') if is_sorted else np.arange(len(ids))
                            assert list(got.ids) == ids[order].tolist(), (path, pop, list(got.ids))
                            assert np.array_equal(np.asarray(got.data), data[:, order]), (path, pop, 'data')
                        else:
                            try:
                                rep.get()
                                raise AssertionError((path, pop, 'libsonata was expected to refuse float64 data'))
                            except libsonata.SonataError:
                                pass
                        reports += 1
                assert spikes + reports > 0, ('nothing to compare in', sys.argv[1:])
                print('ok', spikes, reports)
                """;
        List<String> command = new ArrayList<>(List.of(python(), "-c", script));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", libsonataTools().toString());
        pb.environment().remove("PYTHONOPTIMIZE"); // it would strip the script's asserts
        Process check = pb.start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), "libsonata against h5py on " + files + ":\n" + output);
        String[] words = output.strip().split("\\s+");
        assertEquals("ok", words[0], output);
        return new int[] {Integer.parseInt(words[1]), Integer.parseInt(words[2])};
    }
}
