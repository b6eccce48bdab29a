package org.cortexsim.cli;

import org.cortexsim.sweep.ClusterOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a command that drives a cluster ({@code run --cluster}, {@code sweep
 * --cluster}): the cluster to join ({@link ClusterArgs}), the driver's own port, and whether the
 * workers write into their shared directory.
 */
final class DriverArgs {
    @Mixin
    ClusterArgs cluster = new ClusterArgs();

    @Option(names = "--port", description = "with --cluster: the driver's cluster port (default: a free one)")
    int port;

    @Option(names = "--shared", description = "with --cluster: workers write into their --shared-dir, which is"
            + " the output's directory (the output file's, or the sweep's) as they see it")
    boolean shared;

    /**
     * The driver's cluster options.
     *
     * @throws IllegalArgumentException naming the fix: no {@code --members}, or no shared secret
     */
    ClusterOptions options() {
        if (cluster.members.isEmpty()) {
            throw new IllegalArgumentException("--cluster needs --members HOST:PORT,...");
        }
        return cluster.options(port, null, 0);
    }
}
