package org.cortexsim.network.synapse;

/**
 * A synapse model or plasticity rule listed in a {@code META-INF/services} file on the class path
 * that cannot be used: its class is missing (a misspelled line), has no public no-argument
 * constructor, throws while being constructed, is not an implementation of the service, or shares
 * its name with another. The message names the class, the jar or folder that lists it and the
 * fix; the command line prints it as a usage error (exit code 2).
 */
public final class PluginLoadException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
