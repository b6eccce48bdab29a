package org.cortexsim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.run.Estimate;
import org.cortexsim.run.ExchangeEstimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code cortexsim validate}: checks a config without simulating and prints an estimate. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a config without simulating; print neurons, synapses, memory and output size.")
final class ValidateCommand extends Subcommand {
    @Mixin
    ConfigOptions configOptions = new ConfigOptions();

    @Option(names = "--partitions", paramLabel = "K",
            description = "machines to project a partitioned run's exchange cost on (default ${DEFAULT-VALUE})")
    int partitions = 2;

    @Option(names = "--rate", paramLabel = "HZ",
            description = "mean firing rate assumed for the exchange cost (default ${DEFAULT-VALUE} Hz)")
    double rateHz = ExchangeEstimate.ASSUMED_RATE_HZ;

    @Override
    public Integer call() {
        PrintWriter out = out();
        if (partitions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--partitions must be >= 1, got " + partitions);
        }
        if (!(rateHz >= 0 && rateHz < Double.POSITIVE_INFINITY)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rate must be a firing rate >= 0 Hz, got "
                    + rateHz);
        }
        try {
            Config config = configOptions.load(null, false);
            Estimate e = Estimate.of(config);
            org.cortexsim.run.Runner.checkFitsInHeap(config, e);
            org.cortexsim.run.build.SimulationFactory.checkRecordedFields(config);
            out.printf(Locale.ROOT, "%s: valid%n", config.sourceName());
            out.printf(Locale.ROOT, "  neurons      %,d in %d population(s)%n", e.neurons(), config.populations().size());
            out.printf(Locale.ROOT, "  synapses     ~%,d in %d projection(s)%n", e.synapses(), config.projections().size());
            out.printf(Locale.ROOT, "  steps        %,d (dt %s ms, %s ms)%n", e.steps(), config.simulation().dtMs(),
                    config.simulation().durationMs());
            for (int k = 0; k < config.inputs().size(); k++) {
                out.printf(Locale.ROOT, "  %-12s %s%n", "inputs[" + k + "]", config.inputs().get(k).describe());
            }
            out.printf(Locale.ROOT, "  memory       ~%s (state %s, synapses %s, recordings %s); max heap %s%n",
                    Estimate.human(e.totalBytes()), Estimate.human(e.stateBytes()), Estimate.human(e.synapseBytes()),
                    Estimate.human(e.recordingBytes()), Estimate.human(Runtime.getRuntime().maxMemory()));
            out.printf(Locale.ROOT, "  output       ~%s to %s%n", Estimate.human(e.outputBytes()), config.output().path());
            out.printf(Locale.ROOT, "  cluster      %s%n", ExchangeEstimate.of(config, partitions, rateHz).describe(rateHz));
            out.flush();
            return ExitCodes.OK;
        } catch (ConfigException e) {
            Errors.print(err(), e);
            return ExitCodes.USAGE;
        }
    }
}
