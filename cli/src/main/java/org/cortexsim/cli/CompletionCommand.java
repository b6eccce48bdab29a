package org.cortexsim.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cortexsim completion}: prints the bash/zsh completion script picocli generates for the whole command tree. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script for cortexsim to standard output.",
                "Try it:      source <(cortexsim completion)",
                "Install it:  cortexsim completion > ~/.local/share/bash-completion/completions/cortexsim",
                "zsh: run 'autoload -U +X bashcompinit && bashcompinit' before sourcing it."})
final class CompletionCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("cortexsim", spec.root().commandLine()));
        out.flush();
    }
}
