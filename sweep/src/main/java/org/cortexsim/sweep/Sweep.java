package org.cortexsim.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigError;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.config.Location;
import org.cortexsim.run.OutputPreflight;

/**
 * An expanded, validated sweep: the base config (path and text as read), the output directory,
 * the parameter keys swept and every run in order.
 *
 * <p>Invariants: {@code runs.get(k).index() == k}; every run's config (base + its overrides)
 * was loaded by {@link ConfigLoader} without error; output files are distinct and inside
 * {@code outputDir}; all paths are absolute.
 */
public record Sweep(String name, Path source, Path baseConfig, String baseText, Path outputDir, List<String> keys,
        List<SweepRun> runs) {

    /** File name of the CSV summary inside the output directory. */
    public static final String SUMMARY_CSV = "summary.csv";
    /** File name of the HDF5 summary inside the output directory. */
    public static final String SUMMARY_H5 = "summary.h5";

    public Sweep {
        Objects.requireNonNull(name, "name");
        keys = List.copyOf(keys);
        runs = List.copyOf(runs);
        for (int k = 0; k < runs.size(); k++) {
            if (runs.get(k).index() != k) {
                throw new IllegalArgumentException("run " + k + " has index " + runs.get(k).index());
            }
        }
    }

    /** Reads, expands and validates a sweep file; every problem is reported with file:line:column. */
    public static Sweep load(Path file) throws ConfigException {
        return SweepFile.read(file);
    }

    /**
     * Creates the output directory if it is missing and checks that it accepts new files, before
     * anything runs: a usage error naming the sweep file, {@code output_dir}, the directory, the
     * cause and the fix otherwise. Leaves no file behind (the probe is deleted at once).
     */
    public void prepareOutputDir() throws ConfigException {
        Location where = Location.of(source.toString()).withKeyPath("output_dir");
        String fix = "; fix its permissions, or set output_dir (relative to the sweep file) to a directory you"
                + " can write";
        Path existing = OutputPreflight.nearestExisting(outputDir);
        if (existing != null && !java.nio.file.Files.isDirectory(existing)) {
            throw new ConfigException(where, "the sweep's output directory " + outputDir + " cannot be created: "
                    + existing + " is a file, not a directory; set output_dir to a directory");
        }
        try {
            java.nio.file.Files.createDirectories(outputDir);
        } catch (java.io.IOException | SecurityException e) {
            throw new ConfigException(where, "the sweep's output directory " + outputDir + " cannot be created ("
                    + OutputPreflight.reason(e) + ")" + fix);
        }
        try {
            OutputPreflight.probeWritable(outputDir);
        } catch (java.io.IOException | SecurityException e) {
            throw new ConfigException(where, "the sweep's output directory " + outputDir + " is not writable ("
                    + OutputPreflight.reason(e) + ")" + fix);
        }
    }

    /**
     * Refuses, before anything runs, outputs in the output directory that are complete but were
     * written for another config than their run's here (the sweep file or its base config changed
     * since): a rerun would skip them as done and the summary would label them with this sweep's
     * values. A usage error naming the sweep file, each such run (up to five), its output, the keys
     * that differ, and the fix.
     */
    public void refuseOutputsOfAnotherConfig() throws ConfigException {
        refuseOutputsOfAnotherConfig(runs);
    }

    /** As {@link #refuseOutputsOfAnotherConfig()}, for {@code which} runs only (a SLURM task's one). */
    public void refuseOutputsOfAnotherConfig(List<SweepRun> which) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        int more = 0;
        for (SweepRun run : which) {
            if (!RunOutcome.isComplete(run.output())) {
                continue;
            }
            List<String> diff = org.cortexsim.run.Runner.differencesFromOutputConfig(run.output(), config(run, 1));
            if (diff.isEmpty()) {
                continue;
            }
            if (errors.size() == 5) {
                more++;
                continue;
            }
            errors.add(new ConfigError(Location.of(source.toString()), "run " + run.index() + " ("
                    + run.describe() + "): its output " + run.output() + " is complete but was written for"
                    + " a different config (" + String.join("; ", diff) + "); move the earlier outputs away, or set"
                    + " output_dir to another directory"));
        }
        if (more > 0) {
            errors.add(new ConfigError(Location.of(source.toString()), "and " + more + " more run(s) like these"));
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }

    /** Run {@code index}; an out-of-range index is a usage error naming the valid range. */
    public SweepRun run(int index) throws ConfigException {
        if (index < 0 || index >= runs.size()) {
            throw new ConfigException(Location.of(source.toString()), "run index " + index + " is out of range;"
                    + " this sweep has " + runs.size() + " run(s), indices 0.." + (runs.size() - 1));
        }
        return runs.get(index);
    }

    /** The config of {@code run} as it executes here with {@code threads} threads. */
    public Config config(SweepRun run, int threads) throws ConfigException {
        return new ConfigLoader().parse(baseText, baseConfig.toString(), baseConfig.getParent(),
                run.overrides(threads, run.output()));
    }

    /**
     * Loads every run's config once, and checks its recorded synapse fields against its channels
     * (as {@code validate} does), so a bad value fails before anything runs.
     */
    static List<Long> validate(Path source, Path baseConfig, String baseText, List<Location> where,
            List<SweepRun> runs) throws ConfigException {
        ConfigLoader loader = new ConfigLoader();
        List<ConfigError> errors = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        LinkedHashMap<String, Boolean> seen = new LinkedHashMap<>();
        for (int k = 0; k < runs.size(); k++) {
            SweepRun run = runs.get(k);
            try {
                Config c = loader.parse(baseText, baseConfig.toString(), baseConfig.getParent(),
                        run.overrides(1, run.output()));
                org.cortexsim.run.build.SimulationFactory.checkRecordedFields(c);
                seeds.add(c.simulation().seed());
            } catch (ConfigException e) {
                seeds.add(0L);
                for (ConfigError err : e.errors()) {
                    String msg = "run " + k + " (" + run.describeParameters() + "): " + err;
                    if (seen.putIfAbsent(err.toString(), true) == null) {
                        errors.add(new ConfigError(where.get(k), msg));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return seeds;
    }
}
