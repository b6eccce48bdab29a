package org.cortexsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.cortexsim.sweep.ClusterOptions;
import org.cortexsim.sweep.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cortexsim worker}: starts a cluster worker ({@link Worker}), which runs the sweep runs and
 * the partitions of {@code run --cluster} sent to it, and serves until stopped.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Join a cluster as a worker and run what its drivers send: the runs of 'sweep --cluster'"
                + " and the partitions of a network split by 'run --cluster' (Ctrl-C to stop).",
                "Only cortexsim configs are executed, and only from drivers with the same cluster name and token."})
final class WorkerCommand extends Subcommand {
    @Mixin
    ClusterArgs cluster = new ClusterArgs();

    @Option(names = "--port", description = "port to listen on (default ${DEFAULT-VALUE})")
    int port = 5701;

    @Option(names = "--shared-dir", paramLabel = "DIR",
            description = "directory shared with the driver; runs of 'sweep --shared' and partitions of"
                    + " 'run --cluster --shared' write there")
    Path sharedDir;

    @Option(names = "--slots", description = "sweep runs at once (default: one per core)")
    int slots;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = err();
        PrintWriter out = out();
        ClusterOptions options;
        try {
            if (port < 1) {
                throw new IllegalArgumentException("--port must be in 1..65535");
            }
            options = cluster.options(port, sharedDir, slots);
        } catch (IllegalArgumentException e) {
            err.println("cortexsim: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Worker worker;
        try {
            worker = Worker.start(options);
        } catch (RuntimeException e) {
            err.println("cortexsim: cannot start the worker on " + options.bind() + ":" + port + ": " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        Thread hook = new Thread(worker::close, "cortexsim-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("cortexsim worker ready on %s (cluster '%s', %d member(s), %d slot(s) x %d thread(s))%n",
                worker.address(), options.clusterName(), worker.clusterSize(), worker.slots(), worker.threadsPerRun());
        out.flush();
        worker.awaitStop(Duration.ofDays(3650));
        return ExitCodes.OK;
    }
}
