package org.cortexsim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.cortexsim.network.plasticity.ChoiceSpec;
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.network.plasticity.PlasticityRules;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.ParameterSpec;
import org.cortexsim.network.synapse.SynapseModel;
import org.cortexsim.network.synapse.SynapseModels;
import picocli.CommandLine.Command;

/**
 * {@code cortexsim presets}: every neuron preset with every row of the parameter table (key,
 * value, unit, meaning), all taken from core's {@link Parameter} and {@link Preset}; then every
 * registered synapse model (built-in and plugins) with its parameters (unit, default, allowed range)
 * and fields, and every registered plasticity rule with its parameters and word-valued choices, each
 * from its own declarations.
 */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the neuron presets with every parameter, its unit and meaning, and the synapse models"
                + " with their parameters (unit, default, range) and recordable fields, and the plasticity rules"
                + " with their parameters.")
final class PresetsCommand extends Subcommand {
    @Override
    public Integer call() {
        PrintWriter out = out();
        out.println("Izhikevich simple model (forward Euler, the seed notebook's order):");
        out.println("  " + IzhikevichParameters.EQUATIONS);
        for (Preset p : Preset.values()) {
            out.println();
            out.printf(Locale.ROOT, "%s: %s; recovery %s%n", p.name(), p.description(),
                    p.parameters().recovery().formula());
            for (Parameter param : Parameter.values()) {
                out.printf(Locale.ROOT, "  %-6s %10s %-32s %s%n", param.key(), fmt(p.parameters().get(param)),
                        param.unit(), param.meaning());
            }
        }
        out.println();
        for (Preset p : Preset.values()) {
            if (!p.note().isEmpty()) {
                out.printf(Locale.ROOT, "%s: %s.%n", p.name(), p.note());
            }
        }
        out.println("Override any parameter per population in a config: params: {a: 0.02, d: {type: uniform, low: 6, high: 8}}");
        out.println();
        out.println("Synapse models (projections' and Poisson inputs' synapse: {model: NAME, PARAMETER: value};"
                + " absent: delta), with their parameters and the fields record.state can record:");
        for (SynapseModel m : SynapseModels.all().values()) {
            out.println();
            out.printf(Locale.ROOT, "%s: %s; weight in %s%n", m.name(), m.description(), m.weightUnit());
            for (ParameterSpec param : m.parameters()) {
                out.printf(Locale.ROOT, "  %-12s %10s %-4s %-26s %s%n", param.name(),
                        param.required() ? "required" : fmt(param.defaultValue()), param.unit(),
                        "in [" + fmt(param.min()) + ", " + fmt(param.max()) + "]", param.meaning());
            }
            for (FieldSpec field : m.fields()) {
                out.printf(Locale.ROOT, "  field %-7s %-4s %s%n", field.name(), field.unit(), field.meaning());
            }
        }
        out.println();
        out.println("Plasticity rules (a projection's plasticity: {rule: NAME, PARAMETER: value}), with their parameters;"
                + " weights and amplitudes are in the projection's weight unit:");
        for (PlasticityRule rule : PlasticityRules.all().values()) {
            out.println();
            out.printf(Locale.ROOT, "plasticity rule %s: %s%n", rule.name(), rule.description());
            for (ParameterSpec param : rule.parameters()) {
                out.printf(Locale.ROOT, "  %-17s %10s %-22s %-26s %s%n", param.name(),
                        param.required() ? "required" : fmt(param.defaultValue()), param.unit(),
                        "in [" + fmt(param.min()) + ", " + fmt(param.max()) + "]", param.meaning());
            }
            for (ChoiceSpec choice : rule.choices()) {
                out.printf(Locale.ROOT, "  %-17s %10s %-49s %s%n", choice.name(), choice.defaultValue(),
                        "one of " + String.join(", ", choice.allowed()), choice.meaning());
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** A whole number as such (1e12 and beyond 1e7 in powers of ten), others as Java prints them. */
    private static String fmt(double x) {
        if (x == Math.rint(x) && Math.abs(x) >= 1e7) {
            return String.format(Locale.ROOT, "%.0e", x).replace("e+", "e");
        }
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
