package org.cortexsim.run;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.network.Projection;
import org.cortexsim.network.RunResult;
import org.cortexsim.network.StopCondition;
import org.cortexsim.run.build.BuiltSimulation;
import org.cortexsim.run.build.SimulationFactory;

/**
 * Times the plastic path against the static one on examples/stdp_benchmark.yaml (the peers'
 * benchmark network; E->E plastic under the rule of brian2_variants.py --stdp, or static), in
 * one JVM: a warm-up of each variant, then {@code repeats} alternating runs, each a fresh build
 * of the same network; prints per run the loop's wall time, the CPU time of the calling thread
 * (with one thread: the loop's work without what other processes took), spikes and the E->E
 * weights and the heap the built network holds (in use after a GC, minus before building), then
 * the medians. Nothing is written. A benchmark that prints, never a test; run it
 * from the shaded jar and the test classes (docs/performance.md):
 * <pre>
 *   java --add-modules jdk.incubator.vector -Xmx8g -cp cli/target/cortexsim.jar:run/target/test-classes \
 *       org.cortexsim.run.PlasticPathBenchmark NEURONS THREADS REPEATS [uniform]
 * </pre>
 * {@code uniform}: per-synapse delays uniform in 1-20 ms on every projection (brian2_variants.py
 * {@code --delays uniform}).
 */
public final class PlasticPathBenchmark {
    private PlasticPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int repeats = Integer.parseInt(args[2]);
        boolean uniform = args.length > 3 && args[3].equals("uniform");
        double p = 100.0 / n;
        List<String> common = new ArrayList<>(List.of("populations.exc.size=" + Math.round(0.8 * n),
                "populations.inh.size=" + (n - Math.round(0.8 * n)), "simulation.threads=" + threads,
                "record.spikes=false"));
        for (String pr : List.of("ee", "ei", "ie", "ii")) {
            common.add("projections." + pr + ".rule.p=" + p);
            if (uniform) {
                common.add("projections." + pr + ".delay_ms={type: uniform, low: 1, high: 20}");
            }
        }
        List<String> stat = new ArrayList<>(common);
        stat.add("projections.ee.plasticity=null");
        Path config = Path.of("examples", "stdp_benchmark.yaml");
        double[][] loops = new double[2][repeats];
        double[][] cpus = new double[2][repeats];
        for (int r = -1; r < repeats; r++) {
            for (int v = 0; v < 2; v++) {
                Config c = new ConfigLoader().load(config, v == 0 ? stat : common);
                double[] t = once(c, v == 0 ? "static" : "stdp", r, n);
                if (r >= 0) {
                    loops[v][r] = t[0];
                    cpus[v][r] = t[1];
                }
            }
        }
        System.out.printf(Locale.ROOT, "N=%d threads=%d%s median of %d: static loop %.3f s (cpu %.3f s), stdp loop %.3f s"
                + " (cpu %.3f s), ratio %.2f (cpu %.2f)%n", n, threads, uniform ? " uniform delays" : "", repeats,
                median(loops[0]), median(cpus[0]), median(loops[1]), median(cpus[1]),
                median(loops[1]) / median(loops[0]), median(cpus[1]) / median(cpus[0]));
    }

    private static double[] once(Config c, String label, int repeat, int n) throws Exception {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.gc();
        long before = heapUsed();
        try (BuiltSimulation built = SimulationFactory.build(c)) {
            System.gc();
            long heap = heapUsed() - before;
            long cpu0 = mx.getCurrentThreadCpuTime();
            RunResult result = built.simulation().run(built.steps(), StopCondition.NEVER);
            double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
            Projection ee = built.simulation().projections().get(0);
            double[] w = new double[ee.synapseCount()];
            for (int k = 0; k < w.length; k++) {
                w[k] = ee.weight(k);
            }
            double mean = Arrays.stream(w).average().orElse(Double.NaN);
            double sd = Math.sqrt(Arrays.stream(w).map(x -> (x - mean) * (x - mean)).average().orElse(Double.NaN));
            System.out.printf(Locale.ROOT, "N=%d %-6s %s threads=%d loop %.3f s cpu %.3f s spikes %d w_EE %.2f +- %.2f pA"
                    + " heap %.1f MiB (%d E->E synapses)%n", n, label, repeat < 0 ? "warm-up" : "run " + repeat,
                    built.threads(), result.loopSeconds(), cpu, result.spikes(), mean, sd, heap / 1048576.0, w.length);
            return new double[] {result.loopSeconds(), cpu};
        }
    }

    /** Heap in use, bytes (call after {@link System#gc()}). */
    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : 0.5 * (s[m - 1] + s[m]);
    }
}
