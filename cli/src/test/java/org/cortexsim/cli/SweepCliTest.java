package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code cortexsim sweep} contract: listing, the SLURM index contract (index K runs exactly
 * run K, out-of-range is exit 2, the union of all indices is the whole sweep), the sbatch script,
 * collect, and config errors as exit 2 with file:line:column.
 */
class SweepCliTest {
    @TempDir
    Path dir;

    static final Path BASE = Path.of("../examples/sweep_network.yaml").toAbsolutePath().normalize();

    Path sweepFile(String name, String outputDir) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "base: " + BASE + "\n" + "output_dir: " + outputDir + "\n" + """
                axes:
                  inputs[0].amplitude_pA: [60, 80, 100]
                seeds: [1, 2]
                """);
        return f;
    }

    static List<String> runFiles(Path outDir) throws Exception {
        if (!Files.isDirectory(outDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(outDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("run-")).sorted().toList();
        }
    }

    @Test
    void listShowsEveryRunInOrder() throws Exception {
        CliTest.Outcome o = CliTest.run("sweep", "--list", sweepFile("s.yaml", "out").toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("6 run(s)"), o.out());
        assertTrue(o.out().contains("0\tinputs[0].amplitude_pA=60 seed=1\trun-0000.h5"), o.out());
        assertTrue(o.out().contains("5\tinputs[0].amplitude_pA=100 seed=2\trun-0005.h5"), o.out());
        assertEquals(List.of(), runFiles(dir.resolve("out")), "listing runs nothing");
    }

    @Test
    void eachIndexRunsExactlyItsRunAndAllIndicesMakeTheWholeSweep() throws Exception {
        Path f = sweepFile("s.yaml", "by_index");
        List<String> expected = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            CliTest.Outcome o = CliTest.run("sweep", "--index", String.valueOf(k), "--threads", "1", f.toString());
            assertEquals(0, o.code(), o.err());
            expected.add(String.format("run-%04d.h5", k));
            assertEquals(expected, runFiles(dir.resolve("by_index")), "after index " + k);
        }
        for (String bad : List.of("6", "-1")) {
            CliTest.Outcome o = CliTest.run("sweep", "--index", bad, f.toString());
            assertEquals(2, o.code(), o.out());
            assertTrue(o.err().contains("run index " + bad + " is out of range") && o.err().contains("0..5"), o.err());
        }
        CliTest.Outcome collect = CliTest.run("sweep", "--collect", "-q", f.toString());
        assertEquals(0, collect.code(), collect.err());

        Path whole = sweepFile("w.yaml", "whole");
        CliTest.Outcome all = CliTest.run("sweep", "-q", whole.toString());
        assertEquals(0, all.code(), all.err());
        List<String> byIndex = Files.readAllLines(dir.resolve("by_index/summary.csv"));
        List<String> full = Files.readAllLines(dir.resolve("whole/summary.csv"));
        assertEquals(7, byIndex.size());
        assertEquals(7, full.size());
        for (int k = 1; k <= 6; k++) {
            String[] a = byIndex.get(k).split(",");
            String[] b = full.get(k).split(",");
            assertEquals("completed", a[1]);
            assertEquals(List.of(a).subList(0, 8), List.of(b).subList(0, 8), "index, status, seed, value, spikes");
            assertEquals(a[10], b[10], "spike checksum of run " + (k - 1));
        }
    }

    /**
     * A sweep rerun after its seeds changed: run 0's output is complete but holds seed 1's run where
     * the sweep now asks for seed 3. It used to be skipped as done, and the summary labelled it seed
     * 3. Now every mode that would skip it or summarise it refuses the sweep with exit 2, naming the
     * run, its output and the key that differs, and leaves the output as it was; the unchanged sweep
     * still skips it.
     */
    @Test
    void aCompleteOutputOfAnotherConfigIsRefusedNotSkippedWhenTheSweepChanged() throws Exception {
        Path f = sweepFile("s.yaml", "changed");
        CliTest.Outcome o = CliTest.run("sweep", "--index", "0", "--threads", "1", f.toString());
        assertEquals(0, o.code(), o.err());
        Path run0 = dir.resolve("changed/run-0000.h5");
        byte[] before = Files.readAllBytes(run0);
        o = CliTest.run("sweep", "--index", "0", "--threads", "1", f.toString());
        assertEquals(0, o.code(), "unchanged: complete, skipped: " + o.err());
        Files.writeString(f, Files.readString(f).replace("seeds: [1, 2]", "seeds: [3, 4]"));
        for (String[] mode : List.of(new String[] {"--index", "0"}, new String[] {"--collect"}, new String[0])) {
            List<String> args = new ArrayList<>(List.of("sweep", "-q", "--threads", "1"));
            args.addAll(List.of(mode));
            args.add(f.toString());
            o = CliTest.run(args.toArray(String[]::new));
            assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
            assertTrue(o.err().startsWith("cortexsim: " + f + ": run 0 (inputs[0].amplitude_pA=60 seed=3): its output "
                    + run0 + " is complete but was written for a different config (simulation.seed is 3 here, 1 in the"
                    + " output's config)"), o.err());
            assertTrue(o.err().contains("move the earlier outputs away, or set output_dir to another directory"),
                    o.err());
        }
        assertArrayEquals(before, Files.readAllBytes(run0), "left as it was");
        assertEquals(List.of("run-0000.h5"), runFiles(dir.resolve("changed")), "nothing else ran");
        assertFalse(Files.exists(dir.resolve("changed/summary.csv")), "no summary mislabelling it");
    }

    @Test
    void sbatchPrintsAJobArrayOverAllRuns() throws Exception {
        Path f = sweepFile("s.yaml", "slurm");
        CliTest.Outcome o = CliTest.run("sweep", "--sbatch", "--launcher", "/opt/cortexsim/cortexsim",
                "--cpus-per-task", "4", f.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("#!/bin/bash\n"), o.out());
        assertTrue(o.out().contains("#SBATCH --array=0-5\n"), o.out());
        assertTrue(o.out().contains("#SBATCH --cpus-per-task=4\n"), o.out());
        assertTrue(o.out().contains("exec /opt/cortexsim/cortexsim sweep --index \"$SLURM_ARRAY_TASK_ID\" --threads"
                + " \"${SLURM_CPUS_PER_TASK:-4}\" '" + f.toAbsolutePath().normalize() + "'"), o.out());
        assertTrue(o.out().contains("sweep --collect"), o.out());
        assertTrue(Files.isDirectory(dir.resolve("slurm")), "the log directory must exist before sbatch");
    }

    /**
     * An output_dir that cannot be made or written (under a regular file; under /proc, which no one
     * can write) is a usage error before any run, for every mode that writes there: exit 2, naming
     * the sweep file, output_dir, the directory and the cause; no run and no summary started.
     * (Before, the runs each failed and the summary ended in a bare path or a temporary file's
     * name with exit 1.)
     */
    @Test
    void anOutputDirThatCannotBeWrittenIsAUsageErrorBeforeAnyRun() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain-file"), "not a directory");
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {plain.resolve("out").toString(), plain + " is a file, not a directory"});
        if (Files.isDirectory(Path.of("/proc/self"))) {
            cases.add(new String[] {"/proc/self/sweep-out", "/proc/self/sweep-out cannot be created ("});
        }
        for (String[] c : cases) {
            Path f = sweepFile("unwritable.yaml", c[0]);
            for (String[] mode : List.of(new String[0], new String[] {"--index", "0"}, new String[] {"--collect"},
                    new String[] {"--sbatch"})) {
                List<String> args = new ArrayList<>(List.of("sweep", "-q"));
                args.addAll(List.of(mode));
                args.add(f.toString());
                CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
                assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
                assertTrue(o.err().startsWith("cortexsim: " + f + ": output_dir: the sweep's output directory "
                        + c[0]), o.err());
                assertTrue(o.err().contains(c[1]), o.err());
                assertEquals("", o.out(), "nothing ran: " + o.out());
            }
        }
        assertEquals("not a directory", Files.readString(plain));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("plain-file", "unwritable.yaml"),
                    s.map(p -> p.getFileName().toString()).sorted().toList(), "nothing written");
        }
    }

    @Test
    void badSweepFilesAreUsageErrorsWithPositions() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "base: " + BASE + "\naxes:\n  populations.exc.size: [10, -3]\n");
        CliTest.Outcome o = CliTest.run("sweep", f.toString());
        assertEquals(2, o.code(), o.out());
        assertTrue(o.err().contains(f + ":3:3: axes: run 1 (populations.exc.size=-3)"), o.err());
        CliTest.Outcome missing = CliTest.run("sweep", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("sweep file not found"), missing.err());
    }
}
