package org.cortexsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.config.DefaultConfig;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options shared by commands that read a config: the file (or the built-in default) and
 * overrides. Every shortcut option becomes a {@code --set} override, so the config layer checks
 * it like the file.
 */
final class ConfigOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "YAML or JSON config; without it, the built-in default cortical network")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a config value, e.g. --set simulation.dt_ms=0.05 --set populations.exc.size=400")
    List<String> set = new ArrayList<>();

    /** The shortcut options given, as {@code key=value} overrides. */
    private final List<String> shortcuts = new ArrayList<>();

    @Option(names = "--seed", description = "master random seed (simulation.seed)")
    void seed(long seed) {
        shortcuts.add("simulation.seed=" + seed);
    }

    @Option(names = "--threads", description = "threads stepping the network (simulation.threads; 0 = all cores)")
    void threads(int threads) {
        shortcuts.add("simulation.threads=" + threads);
    }

    @Option(names = "--duration", paramLabel = "MS", description = "model time to simulate, ms (simulation.duration_ms)")
    void duration(double durationMs) {
        shortcuts.add("simulation.duration_ms=" + durationMs);
    }

    @Option(names = "--verbose", description = "stack traces on errors")
    boolean verbose;

    List<String> overrides(String outputPath, boolean overwrite) {
        return overrides(outputPath, overwrite, null);
    }

    /**
     * The overrides of the options: {@code --set}'s, then the shortcuts', then those of {@code
     * outputPath}, {@code overwrite} and, when given, {@code simulation.checkpoint.every_ms}.
     */
    List<String> overrides(String outputPath, boolean overwrite, Double checkpointEveryMs) {
        List<String> all = new ArrayList<>(set);
        all.addAll(shortcuts);
        if (outputPath != null) {
            all.add("output.path=" + quote(outputPath));
        }
        if (overwrite) {
            all.add("output.overwrite=true");
        }
        if (checkpointEveryMs != null) {
            all.add("simulation.checkpoint.every_ms=" + checkpointEveryMs);
        }
        return all;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    Config load(String outputPath, boolean overwrite) throws ConfigException {
        return load(outputPath, overwrite, null);
    }

    Config load(String outputPath, boolean overwrite, Double checkpointEveryMs) throws ConfigException {
        List<String> overrides = overrides(outputPath, overwrite, checkpointEveryMs);
        ConfigLoader loader = new ConfigLoader();
        if (config == null) {
            return loader.parse(DefaultConfig.text(), DefaultConfig.NAME, overrides);
        }
        return loader.load(config, overrides);
    }
}
