import java.net.*; import java.lang.reflect.*; import java.nio.file.*; import java.util.*;
/**
 * ABNet JARS(comma) N SYN DEL REPS [stdp]: one JVM, each jar in its own class loader; per rep, each jar runs
 * NetworkBenchmark.measure(N) with --repeats 3 (a warm-up run, then 3 timed runs: the loop's CPU time, median) in turn.
 * Prints per jar min/median of the reps' loop CPU, the paired ratios and the spike counts.
 */
public class ABNet {
    public static void main(String[] a) throws Exception {
        String[] jars = a[0].split(","); int n = Integer.parseInt(a[1]); int reps = Integer.parseInt(a[4]);
        boolean stdp = a.length > 5 && a[5].equals("stdp");
        Object[] bench = new Object[jars.length]; Method[] measure = new Method[jars.length];
        for (int j = 0; j < jars.length; j++) {
            URLClassLoader cl = new URLClassLoader(new URL[] {Paths.get(jars[j]).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> nb = cl.loadClass("org.cortexsim.run.bench.NetworkBenchmark");
            Class<?> v = cl.loadClass("org.cortexsim.run.bench.NetworkBenchmark$Variant");
            Object variant = v.getConstructor(String.class, String.class, boolean.class).newInstance(a[2], a[3], stdp);
            bench[j] = nb.getConstructor(double.class, int.class, int.class, long.class, int.class, v)
                    .newInstance(1000.0, 1, 3, 20260101L, 1000, variant);
            measure[j] = nb.getMethod("measure", int.class);
        }
        double[][] cpu = new double[jars.length][reps];
        for (int k = 0; k < reps; k++) for (int j = 0; j < jars.length; j++) {
            Object r = measure[j].invoke(bench[j], n);
            cpu[j][k] = (double) r.getClass().getMethod("loopCpuSeconds").invoke(r);
            long spikes = (long) r.getClass().getMethod("spikes").invoke(r);
            System.out.printf("  rep %d %s loop_cpu %.4f spikes %d%n", k, Paths.get(jars[j]).getFileName(), cpu[j][k], spikes);
        }
        for (int j = 0; j < jars.length; j++) {
            double[] x = cpu[j].clone(); Arrays.sort(x);
            System.out.printf("%s loop_cpu min %.4f median %.4f%n", Paths.get(jars[j]).getFileName(), x[0], x[reps / 2]);
        }
        if (jars.length == 2) {
            double[] ratio = new double[reps]; int wins = 0;
            for (int k = 0; k < reps; k++) { ratio[k] = cpu[1][k] / cpu[0][k]; if (ratio[k] < 1) wins++; }
            Arrays.sort(ratio);
            System.out.printf("PAIRED %s/%s loop_cpu: median %.3f (quartiles %.3f %.3f), second faster in %d of %d reps%n",
                    Paths.get(jars[1]).getFileName(), Paths.get(jars[0]).getFileName(), ratio[reps / 2], ratio[reps / 4], ratio[3 * reps / 4], wins, reps);
        }
    }
}
