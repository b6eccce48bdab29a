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
 * during the run, in its registered class or another class of its jar (named with the registered
 * class, the jar and the line that threw). Anything else is not a plugin's fault and stays an
 * internal error.
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
     * causes), or null when no frame of such code is in the stack traces. Their code is a
     * registered model's or rule's class, or any other class from the same jar or folder (a
     * kernel or helper class of its own); the frame nearest to the throw is named.
     */
    static String thrownByPlugin(Throwable e) {
        Map<String, String> plugins = new LinkedHashMap<>();
        Map<String, String> byLocation = new LinkedHashMap<>();
        userPlugins(plugins, byLocation);
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                String cls = frame.getClassName();
                int nested = cls.indexOf('$');
                String outer = nested < 0 ? cls : cls.substring(0, nested);
                String what = plugins.get(outer);
                if (what == null && !byLocation.isEmpty()) {
                    what = byLocation.get(location(outer));
                }
                if (what != null) {
                    return what + " threw " + t + " at " + frame.getFileName() + ":" + frame.getLineNumber()
                            + "; the run stopped. Fix the class and rebuild its jar (run again with --verbose for the"
                            + " stack trace)";
                }
            }
        }
        return null;
    }

    /**
     * Fills class name -> "the synapse model 'x' (class, jar)" for every registered model or rule not
     * of cortexsim, and jar or folder -> the same for the first such class from it.
     */
    private static void userPlugins(Map<String, String> plugins, Map<String, String> byLocation) {
        try {
            for (SynapseModel m : SynapseModels.all().values()) {
                add(plugins, byLocation, m.getClass(), "the synapse model '" + m.name() + "'");
            }
            for (PlasticityRule r : PlasticityRules.all().values()) {
                add(plugins, byLocation, r.getClass(), "the plasticity rule '" + r.name() + "'");
            }
        } catch (RuntimeException unloadable) {
            // a registry that cannot load names no plugin here; loadFailure reports it
        }
    }

    /** The jar or folder class {@code name} is loaded from, or null (the JDK's, cortexsim's, or not loadable). */
    private static String location(String name) {
        if (name.startsWith("org.cortexsim.") || name.startsWith("java.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.")) {
            return null;
        }
        try {
            return location(Class.forName(name, false, PluginFaults.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError notLoadable) {
            return null;
        }
    }

    private static String location(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? null : source.getLocation().getPath();
    }

    private static void add(Map<String, String> plugins, Map<String, String> byLocation, Class<?> c, String what) {
        if (c.getName().startsWith("org.cortexsim.")) {
            return;
        }
        String from = location(c);
        String described = what + " (" + c.getName() + (from == null ? "" : ", " + from) + ")";
        plugins.put(c.getName(), described);
        // a model built into cortexsim's own jar shares it with cortexsim and its libraries: by class only
        if (from != null && !from.equals(location(PluginFaults.class))) {
            byLocation.putIfAbsent(from, described);
        }
    }
}
