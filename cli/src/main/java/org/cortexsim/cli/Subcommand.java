package org.cortexsim.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * A cortexsim subcommand: holds the picocli spec of its command line (injected by picocli) and
 * gives the command line's output and error writers, which tests replace. {@link #call} returns
 * the exit code ({@link ExitCodes}).
 */
abstract class Subcommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the command's results go: the command line's standard output. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Where progress, warnings and errors go: the command line's standard error. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
