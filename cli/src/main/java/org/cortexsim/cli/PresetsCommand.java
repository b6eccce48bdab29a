package org.cortexsim.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cortexsim presets}: the neuron presets with every parameter, its unit and meaning. */
@Command(name = "presets", mixinStandardHelpOptions = true,
        description = "List the neuron presets (RS, FS) with every parameter, its unit and meaning.")
final class PresetsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("Izhikevich simple model:  C v' = k (v - vr)(v - vt) - u + I,   u' = a (U(v) - u)");
        out.println("                          if v >= vpeak:  v = c,  u = u + d   (forward Euler, the seed notebook's order)");
        for (Preset p : Preset.values()) {
            out.println();
            out.printf(Locale.ROOT, "%s: %s; recovery %s%n", p.name(), p.description(),
                    p.parameters().recovery() == org.cortexsim.core.model.Recovery.LINEAR
                            ? "U(v) = b (v - vr)" : "U(v) = b (v - vb)^3 for v >= vb, else 0");
            for (Parameter param : Parameter.values()) {
                out.printf(Locale.ROOT, "  %-6s %10s %-32s %s%n", param.key(), fmt(p.parameters().get(param)),
                        param.unit(), param.meaning());
            }
        }
        out.println();
        out.println("FS: the notebook lists d = 100 but never applies it; its reset leaves u unchanged (d = 0), as in the book.");
        out.println("Override any parameter per population in a config: params: {a: 0.02, d: {type: uniform, low: 6, high: 8}}");
        out.flush();
        return ExitCodes.OK;
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
