package org.cortexsim.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cortexsim.config.ConfigLoader;

/**
 * Runs a config whose recording is several times the heap and prints the heap peak (heap in use,
 * sampled every 20 ms, garbage included; and the old generation's peak) and the output size. Run by {@link BoundedMemoryBenchmarkTest} in a
 * child JVM with a small {@code -Xmx}; arguments: the config file.
 */
public final class BoundedMemoryBenchmark {
    private BoundedMemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path config = Path.of(args[0]);
        long[] sampledPeak = new long[1];
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                synchronized (sampledPeak) {
                    sampledPeak[0] = Math.max(sampledPeak[0], used);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long begin = System.nanoTime();
        RunReport report = Runner.run(new ConfigLoader().load(config), RunOptions.quiet());
        double seconds = (System.nanoTime() - begin) / 1e9;
        sampler.interrupt();
        sampler.join();
        long oldGenPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getName().contains("Old")) {
                oldGenPeak = Math.max(oldGenPeak, pool.getPeakUsage().getUsed());
            }
        }
        long peak;
        synchronized (sampledPeak) {
            peak = sampledPeak[0];
        }
        long bytes = Files.size(report.output());
        for (Path p : report.reportFiles()) {
            bytes += Files.size(p);
        }
        System.out.printf(java.util.Locale.ROOT, "status=%s steps=%d files=%d output_bytes=%d heap_max=%d"
                + " heap_peak=%d old_gen_peak=%d seconds=%.1f%n", report.status(), report.stepsDone(),
                report.reportFiles().size() + 1, bytes, Runtime.getRuntime().maxMemory(), peak, oldGenPeak, seconds);
    }
}
