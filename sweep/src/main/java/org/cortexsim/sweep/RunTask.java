package org.cortexsim.sweep;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * One sweep run sent to a worker: data only (the shared token, the run's index, parameters and
 * seed, the base config text with its name and directory, and the output file name). It carries
 * no code and no class names: the worker can only load it as a cortexsim config and run it.
 *
 * <p>On the worker, {@link #call()} first checks the token (constant-time) and the file name
 * (a plain {@code *.h5} name, no directories); a mismatch yields a {@code rejected} outcome and
 * runs nothing. Outputs go into the worker's shared directory when the task asks for it (and the
 * worker has one), otherwise into a temporary directory whose files travel back as bytes in the
 * outcome and are then deleted. With a shared directory, a run resubmitted after its worker was lost
 * resumes from the checkpoint that worker left there. Never throws for a run's own problems.
 */
final class RunTask implements Callable<RunOutcome>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_.-]+\\.h5");

    private final String token;
    private final int index;
    private final LinkedHashMap<String, String> parameters;
    private final long seed;
    private final boolean seedFromAxis;
    private final String fileName;
    private final String baseText;
    private final String sourceName;
    private final String baseDir;
    private final boolean shared;
    private transient HazelcastInstance hazelcast;

    RunTask(String token, SweepRun run, String baseText, String sourceName, String baseDir, boolean shared) {
        this.token = token;
        this.index = run.index();
        this.parameters = new LinkedHashMap<>(run.parameters());
        this.seed = run.seed();
        this.seedFromAxis = run.seedFromAxis();
        this.fileName = run.output().getFileName().toString();
        this.baseText = baseText;
        this.sourceName = sourceName;
        this.baseDir = baseDir;
        this.shared = shared;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    @Override
    public RunOutcome call() {
        Map<String, Object> ctx = hazelcast.getUserContext();
        String member = ClusterSettings.address(hazelcast.getCluster().getLocalMember());
        Path tmpRoot = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        String safeName = fileName != null && FILE.matcher(fileName).matches() ? fileName : "rejected.h5";
        SweepRun placeholder = new SweepRun(index, parameters, seed, seedFromAxis, tmpRoot.resolve(safeName));
        if (!ClusterSettings.tokenMatches(ctx, token)) {
            return RunOutcome.failed(placeholder, "rejected", "wrong token: this worker belongs to another sweep",
                    member);
        }
        if (!safeName.equals(fileName) || baseText == null || sourceName == null || baseDir == null) {
            return RunOutcome.failed(placeholder, "rejected", "malformed task", member);
        }
        int threads = ctx.get(ClusterSettings.THREADS) instanceof Integer n ? n : 1;
        if (shared) {
            if (!(ctx.get(ClusterSettings.SHARED_DIR) instanceof Path dir)) {
                return RunOutcome.failed(placeholder, "rejected", "this worker has no --shared-dir", member);
            }
            SweepRun run = new SweepRun(index, parameters, seed, seedFromAxis, dir.resolve(fileName));
            return RunExecution.execute(baseText, sourceName, Path.of(baseDir), run, threads, member,
                    new java.util.concurrent.atomic.AtomicBoolean()).outcome();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("cortexsim-sweep-");
            SweepRun run = new SweepRun(index, parameters, seed, seedFromAxis, dir.resolve(fileName));
            RunExecution.Result r = RunExecution.execute(baseText, sourceName, Path.of(baseDir), run, threads, member,
                    new java.util.concurrent.atomic.AtomicBoolean());
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (Path f : r.files()) {
                files.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
            RunOutcome o = r.outcome();
            return new RunOutcome(o.index(), o.parameters(), o.seed(), o.status(), o.message(), o.populations(),
                    o.wallSeconds(), o.output(), o.member(), o.spikesSha256(), files);
        } catch (IOException e) {
            return RunOutcome.failed(placeholder, "failed", "worker I/O: " + e.getMessage(), member);
        } finally {
            ClusterSettings.deleteTree(dir);
        }
    }
}
