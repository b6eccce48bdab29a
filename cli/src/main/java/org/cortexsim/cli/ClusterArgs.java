package org.cortexsim.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cortexsim.sweep.ClusterOptions;
import picocli.CommandLine.Option;

/** The options shared by {@code cortexsim worker} and {@code cortexsim sweep --cluster}. */
final class ClusterArgs {
    static final String TOKEN_ENV = "CORTEXSIM_SWEEP_TOKEN";

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "address to listen on (default ${DEFAULT-VALUE})")
    String bind = "127.0.0.1";

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "cluster name (default ${DEFAULT-VALUE})")
    String clusterName = "cortexsim";

    @Option(names = "--members", split = ",", paramLabel = "HOST:PORT",
            description = "comma-separated member addresses to join (TCP-IP; multicast is never used)")
    List<String> members = new ArrayList<>();

    @Option(names = "--token", paramLabel = "SECRET",
            description = "shared secret checked on every task (default: $" + TOKEN_ENV + ")")
    String token;

    @Option(names = "--heartbeat-timeout", paramLabel = "S",
            description = "seconds without heartbeat before a member is declared dead (default ${DEFAULT-VALUE})")
    int heartbeatTimeoutSeconds = 15;

    @Option(names = "--join-timeout", paramLabel = "S",
            description = "seconds to wait for workers before giving up (default ${DEFAULT-VALUE})")
    int joinTimeoutSeconds = 120;

    ClusterOptions options(int port, Path sharedDir, int slots) {
        String secret = token != null ? token : System.getenv(TOKEN_ENV);
        if (secret == null) {
            throw new IllegalArgumentException("a shared secret is needed: --token SECRET or $" + TOKEN_ENV);
        }
        return new ClusterOptions(bind, port, clusterName, members, secret, sharedDir, slots,
                Duration.ofSeconds(heartbeatTimeoutSeconds), Duration.ofSeconds(joinTimeoutSeconds));
    }
}
