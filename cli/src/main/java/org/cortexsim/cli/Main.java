package org.cortexsim.cli;

import org.cortexsim.network.synapse.PluginLoadException;
import picocli.CommandLine;

/**
 * Entry point: runs {@link CortexsimCommand} and exits with its code (0 success, 1 simulation
 * failure, 2 usage or config error). Errors are one-line messages; stack traces only with
 * {@code --verbose}. A user's synapse model or plasticity rule that cannot be loaded is a usage
 * error, one that throws during a run is named ({@link PluginFaults}).
 *
 * <p>{@link #main} calls {@link System#exit} only after the command returned, which for
 * {@code run} is after {@link InterruptGuard#finish(int)}: when a signal has started the JVM's
 * shutdown, that call merely blocks while the guard's hook halts the JVM with the run's code.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new CortexsimCommand());
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PluginLoadException unloadable = PluginFaults.loadFailure(e);
            if (unloadable != null) {
                commandLine.getErr().println("cortexsim: " + unloadable.getMessage());
                return ExitCodes.USAGE;
            }
            String pluginFault = PluginFaults.thrownByPlugin(e);
            if (pluginFault != null) {
                commandLine.getErr().println("cortexsim: " + pluginFault);
                if (parseResult.hasMatchedOption("--verbose")) {
                    e.printStackTrace(commandLine.getErr());
                }
                return ExitCodes.FAILURE;
            }
            commandLine.getErr().println("cortexsim: internal error: " + e);
            if (parseResult.hasMatchedOption("--verbose")) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(run again with --verbose for the stack trace)");
            }
            return ExitCodes.FAILURE;
        });
        cl.setParameterExceptionHandler((e, args2) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("cortexsim: " + e.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }
}
