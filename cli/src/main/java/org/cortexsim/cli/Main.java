package org.cortexsim.cli;

import picocli.CommandLine;

/**
 * Entry point: runs {@link CortexsimCommand} and exits with its code (0 success, 1 simulation
 * failure, 2 usage or config error). Errors are one-line messages; stack traces only with
 * {@code --verbose}.
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
