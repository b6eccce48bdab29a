package org.cortexsim.sweep;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.time.Duration;

/**
 * A sweep worker: an embedded Hazelcast member that executes {@link RunTask}s on its
 * {@value ClusterSettings#EXECUTOR} executor with {@code slots} tasks at once and
 * cores / slots threads per task. Owns its Hazelcast instance; {@link #close()} leaves the
 * cluster. Configuration (join, binding, filter, token) comes from {@link ClusterSettings}.
 */
public final class Worker implements AutoCloseable {
    private final HazelcastInstance hazelcast;
    private final int slots;
    private final int threads;

    private Worker(HazelcastInstance hazelcast, int slots, int threads) {
        this.hazelcast = hazelcast;
        this.slots = slots;
        this.threads = threads;
    }

    /** Starts a member on {@code options.bind()}:{@code options.port()} and joins the cluster. */
    public static Worker start(ClusterOptions options) {
        int cores = Runtime.getRuntime().availableProcessors();
        int slots = options.slots() > 0 ? options.slots() : cores;
        int threads = Math.max(1, cores / slots);
        if (options.port() == 0) {
            throw new IllegalArgumentException("a worker needs an explicit --port");
        }
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(
                ClusterSettings.config(options, options.port(), false, slots, threads));
        return new Worker(hz, slots, threads);
    }

    /** {@code host:port} this member listens on. */
    public String address() {
        return ClusterSettings.address(hazelcast.getCluster().getLocalMember());
    }

    public int slots() {
        return slots;
    }

    public int threadsPerRun() {
        return threads;
    }

    /** Members currently in the cluster (this one included). */
    public int clusterSize() {
        return hazelcast.getCluster().getMembers().size();
    }

    /** Blocks until the member stops (shutdown or {@code timeout}); true if it stopped. */
    public boolean awaitStop(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (hazelcast.getLifecycleService().isRunning()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    @Override
    public void close() {
        hazelcast.shutdown();
    }
}
