package org.cortexsim.cli;

import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.network.plasticity.PlasticityRules;
import org.cortexsim.network.synapse.PluginLoadException;
import org.cortexsim.network.synapse.SynapseModel;
import org.cortexsim.network.synapse.SynapseModels;

/**
 * Turns an exception a command did not handle into a user's message when a user's synapse model or
 * plasticity rule (a class outside cortexsim, loaded from {@code CORTEXSIM_CLASSPATH}) caused it:
 * one that cannot be loaded ({@link PluginLoadException}: a usage error), or one whose code threw
 * during the run (named with its class, jar and the line that threw). Anything else is not a
 * plugin's fault and stays an internal error.
 */
final class PluginFaults {
    private PluginFaults() {
    }

    /** The {@link PluginLoadException} in {@code e}'s causes, or null. */
    static PluginLoadException loadFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PluginLoadException p) {
                return p;
            }
        }
        return null;
    }

    /**
     * What to tell a user when code of their own model or rule threw {@code e} (or one of its
     * causes), or null when no frame of such code is in the stack traces.
     */
    static String thrownByPlugin(Throwable e) {
        Map<String, String> plugins = userPlugins();
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String cls = frame.getClassName();
                int nested = cls.indexOf('$');
                String outer = nested < 0 ? cls : cls.substring(0, nested);
                String what = plugins.get(outer);
                if (what != null) {
                    return what + " threw " + t + " at " + frame.getFileName() + ":" + frame.getLineNumber()
                            + "; the run stopped. Fix the class and rebuild its jar (run again with --verbose for the"
                            + " stack trace)";
                }
            }
        }
        return null;
    }

    /** Class name -> "the synapse model 'x' (class, jar)" for every registered model or rule not of cortexsim. */
    private static Map<String, String> userPlugins() {
        Map<String, String> plugins = new LinkedHashMap<>();
        try {
            for (SynapseModel m : SynapseModels.all().values()) {
                add(plugins, m.getClass(), "the synapse model '" + m.name() + "'");
            }
            for (PlasticityRule r : PlasticityRules.all().values()) {
                add(plugins, r.getClass(), "the plasticity rule '" + r.name() + "'");
            }
        } catch (RuntimeException unloadable) {
            // a registry that cannot load names no plugin here; loadFailure reports it
        }
        return plugins;
    }

    private static void add(Map<String, String> plugins, Class<?> c, String what) {
        if (c.getName().startsWith("org.cortexsim.")) {
            return;
        }
        CodeSource source = c.getProtectionDomain().getCodeSource();
        String from = source == null || source.getLocation() == null ? "" : ", " + source.getLocation().getPath();
        plugins.put(c.getName(), what + " (" + c.getName() + from + ")");
    }
}
