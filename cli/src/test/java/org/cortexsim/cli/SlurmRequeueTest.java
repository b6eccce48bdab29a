package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --sbatch} script's handling of a time limit, without SLURM: the script, as {@code
 * sweep --sbatch} prints it, runs one array task with a launcher that starts this build of
 * cortexsim and a stand-in {@code scontrol} that logs its arguments. SIGUSR1 to the script (what
 * {@code --signal=B:USR1@...} makes SLURM send before the limit) makes the run stop with a
 * checkpoint and the script requeue its task; running the script again (the requeued task)
 * resumes the run, which ends with the spikes of a run never stopped.
 */
class SlurmRequeueTest {
    @TempDir
    Path dir;

    @Test
    void theTimeLimitWarningCheckpointsAndRequeuesAndTheRequeuedTaskResumes() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        Files.writeString(dir.resolve("base.yaml"), TestConfigs.text("slurm_base.yaml"));
        Path sweep = dir.resolve("grid.yaml");
        Files.writeString(sweep, "base: base.yaml\noutput_dir: out\naxes:\n  inputs[0].mean_pA: [40, 50]\n");
        Path bin = dir.resolve("bin");
        Files.createDirectories(bin);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path launcher = executable(bin.resolve("cortexsim"), "#!/bin/bash\nexec '" + java + "' -cp '" + classpath + "' "
                + Main.class.getName() + " \"$@\"\n");
        Path requeues = dir.resolve("requeues.log");
        executable(bin.resolve("scontrol"), "#!/bin/bash\necho \"$@\" >> '" + requeues + "'\n");
        CliTest.Outcome printed = CliTest.run("sweep", "--sbatch", "--launcher", launcher.toString(), "--time",
                "00:10:00", sweep.toString());
        assertEquals(0, printed.code(), printed.err());
        String script = printed.out();
        assertTrue(script.contains("#SBATCH --signal=B:USR1@"), script);
        assertTrue(script.contains("#SBATCH --requeue\n"), script);
        Path job = executable(dir.resolve("job.sbatch"), script);

        Process first = task(job, bin);
        Path output = dir.resolve("out").resolve("run-0001.h5");
        Path checkpoint = OutputLayout.checkpointPath(output);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(checkpoint) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(checkpoint), "the run wrote its first checkpoint (500 ms of 20 s)");
        if (!first.isAlive()) {
            throw new AssertionError("the task ended before it was warned (exit " + first.exitValue() + "): "
                    + new String(first.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(0, new ProcessBuilder("kill", "-USR1", Long.toString(first.pid())).start().waitFor());
        assertTrue(first.waitFor(120, TimeUnit.SECONDS), "the task ends after the warning");
        String log1 = new String(first.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, first.exitValue(), log1);
        assertTrue(log1.contains("near its time limit"), log1);
        assertEquals("requeue 77_1", Files.readString(requeues).strip(), "the script requeued its own task");
        double stoppedAt;
        try (SonataReader r = SonataReader.open(output)) {
            assertTrue(String.valueOf(r.rootAttribute("status")).startsWith("interrupted at t = "),
                    String.valueOf(r.rootAttribute("status")));
            stoppedAt = ((Number) r.rootAttribute("model_time_reached_ms")).doubleValue();
        }
        assertTrue(stoppedAt >= 500 && stoppedAt < 20000, "stopped at " + stoppedAt + " ms");
        assertTrue(Files.exists(OutputLayout.checkpointPath(output)), "with a checkpoint");

        Process requeued = task(job, bin);
        assertTrue(requeued.waitFor(180, TimeUnit.SECONDS), "the requeued task ends");
        String log2 = new String(requeued.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, requeued.exitValue(), log2);
        try (SonataReader r = SonataReader.open(output)) {
            assertEquals("completed", r.rootAttribute("status"));
            assertEquals(stoppedAt, ((Number) r.rootAttribute("resumed_from_ms")).doubleValue(), 1e-9);
        }
        assertFalse(Files.exists(OutputLayout.checkpointPath(output)));

        Path referenceSweep = dir.resolve("reference.yaml");
        Files.writeString(referenceSweep, Files.readString(sweep).replace("output_dir: out", "output_dir: ref"));
        CliTest.Outcome ref = CliTest.run("sweep", "--index", "1", "--threads", "1", referenceSweep.toString());
        assertEquals(0, ref.code(), ref.err());
        try (ResultSet a = ResultSet.open(dir.resolve("ref").resolve("run-0001.h5")); ResultSet b = ResultSet.open(output)) {
            assertArrayEquals(a.spikes("exc").timestampsMs(), b.spikes("exc").timestampsMs(), 0.0);
            assertArrayEquals(a.spikes("exc").nodeIds(), b.spikes("exc").nodeIds());
        }
    }

    /** The job script as SLURM would start array task 1 of job 77 with 1 CPU, with the stand-ins first on PATH. */
    private Process task(Path job, Path bin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", job.toString()).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("SLURM_ARRAY_JOB_ID", "77");
        pb.environment().put("SLURM_ARRAY_TASK_ID", "1");
        pb.environment().put("SLURM_CPUS_PER_TASK", "1");
        return pb.start();
    }

    private static Path executable(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
