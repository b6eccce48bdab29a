package org.cortexsim.sweep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach and trust a sweep cluster, shared by workers and the driver: the address to bind
 * ({@code bind}) and port, the cluster name, the explicit TCP-IP member list (multicast and
 * auto-detection are always off), the shared secret every task must carry, an optional shared
 * output directory, the task slots a worker offers (0 = one per core), and how fast a silent
 * member is declared dead ({@code heartbeatTimeout}).
 *
 * <p>Invariants: the token is at least 8 characters; port in 0..65535 (0 = pick a free one,
 * for drivers); the member list is non-empty and unmodifiable; the cluster name uses only
 * letters, digits, '_', '.' and '-'.
 */
public record ClusterOptions(String bind, int port, String clusterName, List<String> members, String token,
        Path sharedDir, int slots, Duration heartbeatTimeout, Duration joinTimeout) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    public ClusterOptions {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(clusterName, "clusterName");
        members = List.copyOf(members);
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        Objects.requireNonNull(joinTimeout, "joinTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
        if (!NAME.matcher(clusterName).matches()) {
            throw new IllegalArgumentException("the cluster name must use only letters, digits, '_', '.' and '-', got '"
                    + clusterName + "'");
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("at least one member address (host:port) is needed");
        }
        if (token.length() < 8) {
            throw new IllegalArgumentException("the shared token must have at least 8 characters (set it with"
                    + " --token or CORTEXSIM_SWEEP_TOKEN on every worker and the driver)");
        }
        if (slots < 0) {
            throw new IllegalArgumentException("slots must be >= 0, got " + slots);
        }
        if (heartbeatTimeout.toSeconds() < 2) {
            throw new IllegalArgumentException("the heartbeat timeout must be at least 2 s");
        }
    }
}
