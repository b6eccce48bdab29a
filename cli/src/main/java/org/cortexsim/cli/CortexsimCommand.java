package org.cortexsim.cli;

import org.cortexsim.run.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The top-level {@code cortexsim} command: only dispatches to subcommands. */
@Command(name = "cortexsim", mixinStandardHelpOptions = true, versionProvider = CortexsimCommand.VersionProvider.class,
        description = "Simulates cortical excitatory/inhibitory networks of Izhikevich neurons and writes SONATA HDF5.",
        subcommands = {RunCommand.class, ValidateCommand.class, InfoCommand.class, PlotCommand.class, PresetsCommand.class,
                BenchCommand.class, SweepCommand.class, WorkerCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 simulation failure, 2 usage or config error."})
public final class CortexsimCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed (try: cortexsim run)");
    }

    /** The version from the build. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"cortexsim " + Version.get(), "Java " + System.getProperty("java.version")};
        }
    }
}
