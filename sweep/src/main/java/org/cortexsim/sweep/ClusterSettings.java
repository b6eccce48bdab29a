package org.cortexsim.sweep;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

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

    /**
     * Whether a task's {@code token} is the one in this member's {@code userContext} ({@link
     * #TOKEN}), compared in constant time; false when either is missing. Every task checks it
     * before doing anything.
     */
    static boolean tokenMatches(Map<String, Object> userContext, String token) {
        return userContext.get(TOKEN) instanceof String expected && token != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code host:port} member {@code m} listens on, as messages and outcomes name it. */
    static String address(Member m) {
        return m.getAddress().getHost() + ":" + m.getAddress().getPort();
    }

    /** Deletes {@code dir} (null: nothing) and all below it; what cannot be deleted now is tried again at exit. */
    static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            dir.toFile().deleteOnExit();
        }
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
