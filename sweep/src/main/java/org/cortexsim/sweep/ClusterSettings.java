package org.cortexsim.sweep;

import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the Hazelcast configuration of a sweep member (worker or driver). Owns the safety
 * settings: explicit TCP-IP join only (multicast and auto-detection off), binding to the given
 * address only, no phone-home, no Hazelcast logging, and a Java deserialization filter that
 * admits only this package's task and outcome types plus the JDK value classes (and arrays of
 * numbers) they contain.
 * The shared token lives in the member's user context, never on the wire except inside tasks.
 */
final class ClusterSettings {
    /** Name of the executor service sweep tasks run on. */
    static final String EXECUTOR = "cortexsim-sweep";
    /** Name of the executor service the phases of partitioned runs run on ({@link PartitionTask}). */
    static final String PARTITION_EXECUTOR = "cortexsim-partition";
    /** User-context key of the token. */
    static final String TOKEN = "cortexsim.sweep.token";
    /** User-context key of the shared output directory (a Path), if any. */
    static final String SHARED_DIR = "cortexsim.sweep.shared-dir";
    /** User-context key of the threads each task uses on this member. */
    static final String THREADS = "cortexsim.sweep.threads";
    /** Member attribute: task slots the member offers. */
    static final String SLOTS = "cortexsim.slots";

    private ClusterSettings() {
    }

    static Config config(ClusterOptions o, int port, boolean lite, int slots, int threads) {
        Config c = new Config();
        c.setClusterName(o.clusterName());
        c.setInstanceName("cortexsim-" + (lite ? "driver" : "worker") + "-" + o.bind() + "-" + port);
        c.setLiteMember(lite);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", System.getProperty("cortexsim.hazelcast.logging", "none"));
        c.setProperty("hazelcast.socket.bind.any", "false");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        long hb = Math.max(2, o.heartbeatTimeout().toSeconds());
        c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        c.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(hb));
        c.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        c.setProperty("hazelcast.wait.seconds.before.join", "1");
        NetworkConfig net = c.getNetworkConfig();
        net.setPort(port).setPortAutoIncrement(false);
        net.getInterfaces().setEnabled(true).addInterface(o.bind());
        net.getRestApiConfig().setEnabled(false);
        JoinConfig join = net.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(o.members());
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
        filter.getWhitelist().addPrefixes("org.cortexsim.sweep.", "java.lang.", "java.util.", "java.math.", "[B",
                "[I", "[J", "[D", "[Ljava.lang.", "[Ljava.util.", "[Lorg.cortexsim.sweep.");
        c.getSerializationConfig().setJavaSerializationFilterConfig(filter);
        c.getExecutorConfig(EXECUTOR).setPoolSize(Math.max(1, slots)).setQueueCapacity(0).setStatisticsEnabled(false);
        // a run's phase holds a thread for the run; building, hello and abort need others meanwhile
        c.getExecutorConfig(PARTITION_EXECUTOR).setPoolSize(4).setQueueCapacity(64).setStatisticsEnabled(false);
        c.getMemberAttributeConfig().setAttribute(SLOTS, String.valueOf(slots));
        ConcurrentHashMap<String, Object> ctx = new ConcurrentHashMap<>();
        ctx.put(TOKEN, o.token());
        ctx.put(THREADS, threads);
        if (o.sharedDir() != null) {
            ctx.put(SHARED_DIR, o.sharedDir().toAbsolutePath().normalize());
        }
        c.setUserContext(ctx);
        return c;
    }
}
