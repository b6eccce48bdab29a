package org.cortexsim.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cortexsim.network.StepProfile;
import org.cortexsim.run.bench.CheckpointBenchmark;
import org.cortexsim.run.bench.NetworkBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cortexsim bench}: builds and times the peers' benchmark network at several sizes. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Build and time the peers' benchmark network (80%% RS / 20%% FS, p = 100/N, delta synapses "
                + "+600/-1200 pA, delay 1 step, DC drive, dt 0.1 ms); nothing is written.",
                "--synapse exp_current (+60/-120 pA, tau 5 ms) and --delays uniform (10 to 200 steps per synapse) "
                        + "change the synapses as brian2_variants.py does with the same flags.",
                "Per size: one warm-up run, then --repeats fresh builds and runs; times are medians. With several "
                        + "sizes, each runs in a JVM of its own, started with this JVM's options (see --in-process)."})
final class BenchCommand extends Subcommand {
    @Option(names = "--sizes", split = ",", paramLabel = "N", defaultValue = "1000,10000,100000",
            description = "network sizes (default: ${DEFAULT-VALUE})")
    List<Integer> sizes;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "0",
            description = "stepping threads; 0 = all cores (default: ${DEFAULT-VALUE}); see --min-neurons-per-thread")
    int threads;

    @Option(names = "--repeats", paramLabel = "R", defaultValue = "3",
            description = "timed runs per size after the warm-up (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--duration", paramLabel = "MS", defaultValue = "1000",
            description = "model time per run in ms (default: ${DEFAULT-VALUE})")
    double durationMs;

    @Option(names = "--min-neurons-per-thread", paramLabel = "M", defaultValue = "16384",
            description = "use a thread only per M neurons (default: ${DEFAULT-VALUE})")
    int minNeuronsPerThread;

    @Option(names = "--seed", defaultValue = "20260101", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--synapse", paramLabel = "MODEL", defaultValue = "delta",
            description = "delta (+600/-1200 pA for one step) or exp_current (+60/-120 pA, tau 5 ms) "
                    + "(default: ${DEFAULT-VALUE})")
    String synapse;

    @Option(names = "--delays", paramLabel = "KIND", defaultValue = "one",
            description = "one (every synapse 1 step) or uniform (10 to 200 steps, drawn per synapse) "
                    + "(default: ${DEFAULT-VALUE})")
    String delays;

    @Option(names = "--stdp", description = "make the E->E synapses plastic under the STDP rule of brian2_variants.py "
            + "--stdp (pair-based, additive, tau 20 ms; A_plus 6, A_minus 7.2, w 0 to 1200 pA; a tenth of each with "
            + "exp_current); prints the final E->E weights")
    boolean stdp;

    @Option(names = "--json", description = "print one JSON object per size and line instead of the table")
    boolean json;

    @Option(names = "--profile", description = "after the timed runs, one more run with its phases timed "
            + "(propagate, plasticity, input, integrate, detect, record, wait) per thread; the timed runs are not profiled")
    boolean profile;

    @Option(names = "--checkpoint", description = "instead of timing the loop, time checkpoints of the network after"
            + " --duration ms: saving its state, writing the checkpoint file (beside the working directory's temporary"
            + " files), reading it back and restoring a fresh network; --repeats times, in this JVM")
    boolean checkpoint;

    @Option(names = "--in-process", description = "run every size in this JVM; the sizes then share the JIT's "
            + "compiled code and profile, and a small size run first can slow a larger one down by 20-30%%")
    boolean inProcess;

    /** Set in the child JVMs: print the rows of the sizes only, without the header and the legend. */
    @Option(names = "--rows-only", hidden = true)
    boolean rowsOnly;

    @Override
    public Integer call() {
        PrintWriter out = out();
        for (int n : sizes) {
            if (n < 2) {
                err().println("cortexsim: --sizes: every size must be >= 2, got " + n);
                return ExitCodes.USAGE;
            }
        }
        String bad = repeats < 1 ? "--repeats must be >= 1, got " + repeats
                : !(durationMs > 0 && durationMs < Double.POSITIVE_INFINITY) ? "--duration must be > 0 ms, got " + durationMs
                : threads < 0 ? "--threads must be >= 0 (0 = all cores), got " + threads
                : minNeuronsPerThread < 1 ? "--min-neurons-per-thread must be >= 1, got " + minNeuronsPerThread : null;
        if (bad != null) {
            err().println("cortexsim: " + bad);
            return ExitCodes.USAGE;
        }
        NetworkBenchmark.Variant variant;
        try {
            variant = new NetworkBenchmark.Variant(synapse, delays, stdp);
        } catch (IllegalArgumentException e) {
            err().println("cortexsim: bench: --synapse/--delays: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        NetworkBenchmark bench = new NetworkBenchmark(durationMs, t, repeats, seed, minNeuronsPerThread, variant);
        if (checkpoint) {
            return checkpoints(out, bench, t);
        }
        if (!rowsOnly && !json) {
            printHeader(out, t);
        }
        for (int n : sizes) {
            if (inProcess || rowsOnly || sizes.size() == 1) {
                NetworkBenchmark.Result r = bench.measure(n);
                if (json) {
                    printJson(out, r, t);
                } else {
                    printRows(out, n, r);
                }
                if (profile) {
                    printProfile(out, r, bench.profile(n));
                }
            } else if (!runChild(out, n)) {
                return ExitCodes.FAILURE;
            }
        }
        if (!rowsOnly && !json) {
            out.println("# loop_s: median wall time of Simulation.run; cpu_s: median CPU time of the calling thread in it; "
                    + "x_rt: model time / loop time; ns/update: loop / (N x steps); ns/event: loop / synaptic events;");
            out.println("# heap_MB: heap in use after building minus before (after GC); B/syn, B/neuron: that divided by "
                    + "synapses, by neurons (each all-in); peak_MB: sum of heap pool peaks during the build");
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** {@code --checkpoint}: one row per size, in this JVM. */
    private int checkpoints(PrintWriter out, NetworkBenchmark bench, int t) {
        out.printf(Locale.ROOT, "# checkpoints of the benchmark network, synapse %s, delays %s, after %.0f ms of model time,"
                + " median of %d, up to %d thread(s), max heap %d MB, Java %s%n", synapse, delays, durationMs, repeats, t,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        out.printf(Locale.ROOT, "%9s %11s %3s %8s %9s %9s %8s %8s %8s %8s %10s%n", "N", "synapses", "thr", "step",
                "state_MB", "file_MB", "save_s", "write_s", "read_s", "restore_s", "ckpt_s");
        out.flush();
        CheckpointBenchmark cb = new CheckpointBenchmark(bench, durationMs, repeats);
        try {
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of(""), ".cortexsim-bench");
            try {
                for (int n : sizes) {
                    CheckpointBenchmark.Result r = cb.measure(n, dir);
                    out.printf(Locale.ROOT, "%9d %11d %3d %8d %9.2f %9.2f %8.4f %8.4f %8.4f %8.4f %10.4f%n", r.neurons(),
                            r.synapses(), r.threads(), r.step(), r.stateBytes() / 1048576.0, r.fileBytes() / 1048576.0,
                            r.saveSeconds(), r.writeSeconds(), r.readSeconds(), r.restoreSeconds(), r.checkpointSeconds());
                    out.flush();
                }
            } finally {
                java.nio.file.Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            err().println("cortexsim: bench --checkpoint: " + Errors.describe(e));
            return ExitCodes.FAILURE;
        }
        out.println("# save_s: the state into memory; write_s: the file (temporary, verified, fsync, renamed); ckpt_s: both, what a"
                + " running network pauses for; read_s, restore_s: what resuming costs besides building the network");
        out.flush();
        return ExitCodes.OK;
    }

    private void printHeader(PrintWriter out, int t) {
        out.printf(Locale.ROOT, "# benchmark network, synapse %s, delays %s%s, %.0f ms of model time, %d repeat(s) after "
                + "a warm-up, up to %d thread(s), max heap %d MB, Java %s%n", synapse, delays, stdp ? ", STDP on E->E" : "",
                durationMs, repeats, t,
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
        out.printf(Locale.ROOT, "%9s %11s %3s %8s %9s %9s %9s %8s %7s %11s %8s %9s %9s %9s %9s %7s %8s%n",
                "N", "synapses", "thr", "setup_s", "loop_s", "cpu_s", "spikes", "exc_Hz", "inh_Hz", "syn_ev/s", "x_rt",
                "ns/update", "ns/event", "heap_MB", "peak_MB", "B/syn", "B/neuron");
        out.flush();
    }

    private static void printRows(PrintWriter out, int n, NetworkBenchmark.Result r) {
        out.printf(Locale.ROOT, "%9d %11d %3d %8.3f %9.4f %9.4f %9d %8.2f %7.2f %11.4g %8.2f %9.3f %9.3f %9.1f %9.1f %7.2f %8.1f%n",
                r.neurons(), r.synapses(), r.threadsUsed(), r.setupSeconds(), r.loopSeconds(), r.loopCpuSeconds(), r.spikes(),
                r.excRateHz(), r.inhRateHz(), r.synapticEventsPerSecond(), r.realTimeFactor(),
                r.nsPerNeuronUpdate(), r.nsPerSynapticEvent(), r.buildHeapBytes() / 1048576.0,
                r.peakHeapBytes() / 1048576.0, r.bytesPerSynapse(), r.bytesPerNeuron());
        StringBuilder runs = new StringBuilder();
        for (double s : r.loopRuns()) {
            runs.append(String.format(Locale.ROOT, " %.4f", s));
        }
        out.printf(Locale.ROOT, "#   N=%d loop runs (s):%s%n", n, runs);
        if (r.variant().stdp()) {
            NetworkBenchmark.WeightStats w = r.excExcWeights();
            out.printf(Locale.ROOT, "#   N=%d E->E weights after the run (pA): %.3f +- %.3f, at w_min %.4f, at w_max %.4f%n", n,
                    w.mean(), w.sd(), w.fractionAtMin(), w.fractionAtMax());
        }
        out.flush();
    }

    /** A profiled run's phases: a table, or with --json one JSON line per thread. */
    private void printProfile(PrintWriter out, NetworkBenchmark.Result r, StepProfile p) {
        if (json) {
            for (int t = 0; t < p.threads(); t++) {
                StringBuilder b = new StringBuilder();
                for (StepProfile.Phase phase : StepProfile.Phase.values()) {
                    b.append(String.format(Locale.ROOT, ",\"%s_s\":%.6f", phase.name().toLowerCase(Locale.ROOT),
                            p.nanos(t, phase) / 1e9));
                }
                out.printf(Locale.ROOT, "{\"impl\":\"cortexsim\",\"profile\":true,\"N\":%d,\"threads\":%d,"
                        + "\"synapse\":\"%s\",\"delays\":\"%s\",\"thread\":%d,\"loop_s\":%.6f,\"hand_offs\":%d%s}%n",
                        r.neurons(), p.threads(), r.variant().synapse(), r.variant().delays(), t, p.loopNanos() / 1e9,
                        p.handOffs(), b);
            }
        } else {
            out.printf(Locale.ROOT, "#   N=%d profiled run: loop %.4f s (unprofiled median %.4f s), %d steps, %d hand-offs "
                    + "(windowed stepping: one per window of steps); per thread, seconds and share of the loop:%n",
                    r.neurons(), p.loopNanos() / 1e9, r.loopSeconds(), p.steps(), p.handOffs());
            for (String line : p.table().split("\n")) {
                out.println("#   " + line);
            }
        }
        out.flush();
    }

    /** With --stdp, the final E->E weights as brian2_variants.py names them (with a trailing comma); else nothing. */
    private static String weightsJson(NetworkBenchmark.Result r) {
        if (!r.variant().stdp()) {
            return "";
        }
        NetworkBenchmark.WeightStats w = r.excExcWeights();
        return String.format(Locale.ROOT, "\"w_EE_mean\":%.6f,\"w_EE_std\":%.6f,\"w_EE_frac_at_min\":%.6f,"
                + "\"w_EE_frac_at_max\":%.6f,", w.mean(), w.sd(), w.fractionAtMin(), w.fractionAtMax());
    }

    /** One result as a JSON object on one line (keys named as brian2_variants.py's where they mean the same). */
    private static void printJson(PrintWriter out, NetworkBenchmark.Result r, int threadsAsked) {
        StringBuilder runs = new StringBuilder();
        for (double s : r.loopRuns()) {
            runs.append(runs.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", s));
        }
        out.printf(Locale.ROOT, "{\"impl\":\"cortexsim\",\"N\":%d,\"threads\":%d,\"threads_asked\":%d,"
                + "\"synapse\":\"%s\",\"delays\":\"%s\",\"stdp\":%s,\"synapses\":%d,\"steps\":%d,"
                + "\"spikes\":%d,\"rate_E_Hz\":%.4f,\"rate_I_Hz\":%.4f,\"setup_s\":%.6f,\"loop_median_s\":%.6f,"
                + "\"loop_runs_s\":[%s],\"loop_cpu_median_s\":%.6f,\"synaptic_events\":%d,\"ns_per_update\":%.4f,"
                + "\"ns_per_event\":%.4f,\"heap_build_bytes\":%d,\"peak_heap_bytes\":%d,%s\"java\":\"%s\"}%n",
                r.neurons(), r.threadsUsed(), threadsAsked, r.variant().synapse(), r.variant().delays(), r.variant().stdp(),
                r.synapses(),
                r.steps(), r.spikes(), r.excRateHz(), r.inhRateHz(), r.setupSeconds(), r.loopSeconds(), runs,
                r.loopCpuSeconds(), r.synapticEvents(), r.nsPerNeuronUpdate(), r.nsPerSynapticEvent(),
                r.buildHeapBytes(), r.peakHeapBytes(), weightsJson(r), System.getProperty("java.version"));
        out.flush();
    }

    /**
     * Measures size {@code n} in a new JVM started as this one (same java, JVM options and class
     * path) and copies its rows to {@code out}; false, with a message, if it could not run.
     */
    private boolean runChild(PrintWriter out, int n) {
        PrintWriter err = err();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench",
                "--rows-only", "--sizes", Integer.toString(n), "--threads", Integer.toString(threads),
                "--repeats", Integer.toString(repeats), "--duration", Double.toString(durationMs),
                "--min-neurons-per-thread", Integer.toString(minNeuronsPerThread), "--seed", Long.toString(seed),
                "--synapse", synapse, "--delays", delays));
        if (stdp) {
            command.add("--stdp");
        }
        if (json) {
            command.add("--json");
        }
        if (profile) {
            command.add("--profile");
        }
        List<String> output = new ArrayList<>();
        int code;
        try {
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.startsWith("WARNING: Using incubator modules")) {
                        output.add(line);
                    }
                }
            }
            code = child.waitFor();
        } catch (IOException e) {
            err.println("cortexsim: bench: could not start a JVM for N = " + n + " (" + e.getMessage()
                    + "); use --in-process");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("cortexsim: bench: interrupted");
            return false;
        }
        if (code != 0) {
            output.forEach(err::println);
            err.println("cortexsim: bench: the JVM for N = " + n + " exited with code " + code
                    + " (its output is above); use --in-process to run in this JVM");
            return false;
        }
        output.forEach(out::println);
        out.flush();
        return true;
    }
}
