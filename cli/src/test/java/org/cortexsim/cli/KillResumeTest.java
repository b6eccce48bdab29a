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
        List<Path> kept = killAndResume(CONFIG, TRIALS, "net");
        checkWithLibsonata(kept);
    }

    /**
     * The plastic network, in fewer trials (each costs a few seconds): the resumed runs' weights
     * (the weight report, the edges' final and initial weights) equal the uninterrupted run's too.
     */
    @Test
    void aPlasticRunKilledAtRandomMomentsResumesToTheOutputsOfAnUninterruptedOne() throws Exception {
        killAndResume(PLASTIC_CONFIG, 3, "plastic");
        try (SonataReader r = SonataReader.open(dir.resolve("plastic-reference.h5"))) {
            assertFalse(java.util.Arrays.equals(r.doubles("/edges/ee/0/syn_weight"),
                    r.doubles("/edges/ee/0/syn_weight_initial")), "STDP changed the E->E weights");
            assertTrue(r.spikes("src").count() == 14, "the source's 14 given spikes");
        }
    }

    /**
     * {@code trials} trials of kill -9 at a random moment (and maybe again while resuming), then
     * a resume to completion; returns the segment files the killed runs kept.
     */
    private List<Path> killAndResume(String text, int trials, String name) throws Exception {
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
            if (died && r.nextBoolean()) {
                int again = 1 + r.nextInt(2);
                long after = runMs / 5 + (long) (r.nextDouble() * runMs * 0.7);
                System.out.println("KillResumeTest: trial " + trial + ": resumed on " + again
                        + " thread(s), SIGKILL again after " + after + " ms");
                runAndKill(config, out, again, true, after);
                checkWhatWasKept(out, reference, kept);
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
        return kept;
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
            Process p = child(config, out, 2, false);
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
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(status), "needs Linux /proc");
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                org.junit.jupiter.api.Assumptions.assumeTrue((mask & (1L << (number - 1))) == 0,
                        "signal " + number + " is ignored in this environment (started under nohup?)");
            }
        }
    }

    private static Process child(Path config, Path out, int threads, boolean resume) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, SPLIT, "-cp", classpath, Main.class.getName(), "run",
                config.toString(), "-o", out.toString(), "--threads", Integer.toString(threads), "--quiet"));
        if (resume) {
            command.add("--resume");
        }
        command.addAll(List.of("--checkpoint-every", EVERY_MS));
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

    /** libsonata, the reference SONATA reader, opens every segment a killed run kept. */
    private static void checkWithLibsonata(List<Path> segments) throws Exception {
        Path tools = Path.of("").toAbsolutePath().normalize().getParent().resolveSibling("shared").resolve("tools");
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        ProcessBuilder probe = new ProcessBuilder(python, "-c", "import libsonata, h5py").redirectErrorStream(true);
        probe.environment().put("PYTHONPATH", tools.toString());
        Process p = probe.start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            System.err.println("NOTICE: skipping the libsonata part of KillResumeTest: python3 cannot import libsonata"
                    + " from " + tools + " (CI has it in ../shared/tools beside the clone)");
            return;
        }
        List<Path> existing = segments.stream().filter(Files::exists).distinct().toList();
        if (existing.isEmpty()) {
            return;
        }
        String script = """
                import sys, libsonata, h5py
                n = 0
                for path in sys.argv[1:]:
                    with h5py.File(path, 'r') as f:
                        stream = f.attrs['segment_stream']
                        stream = stream.decode() if isinstance(stream, bytes) else stream
                        spikes = 'spikes' in f
                    if stream == 'spikes':
                        r = libsonata.SpikeReader(path)
                        for pop in r.get_population_names():
                            r[pop].get()
                    else:
                        r = libsonata.SomaReportReader(path)
                        for pop in r.get_population_names():
                            if r[pop].data_units:
                                pass
                            if h5py.File(path, 'r')['report/' + pop + '/data'].dtype.itemsize == 4:
                                r[pop].get()
                    n += 1
                print('ok', n)
                """;
        List<String> command = new ArrayList<>(List.of(python, "-c", script));
        existing.forEach(s -> command.add(s.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", tools.toString());
        Process check = pb.start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), output);
        assertTrue(output.startsWith("ok " + existing.size()), output);
    }
}
