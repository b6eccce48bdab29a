package org.cortexsim.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cortexsim.results.SonataWriter;

/**
 * Writes the sweep summary, one row per run in index order, as CSV ({@value Sweep#SUMMARY_CSV})
 * and HDF5 ({@value Sweep#SUMMARY_H5}) in the output directory. Columns: index, status, seed, one
 * per swept key (the value's YAML text), spikes and rate per population, wall time, member,
 * spike checksum, output file and message. Missing numbers (failed runs) are -1 in both files.
 *
 * <p>HDF5 layout: datasets under {@code /runs}: {@code index}, {@code seed} (int64), {@code status},
 * {@code member}, {@code output}, {@code spikes_sha256}, {@code message} (strings; {@code "-"} for
 * none, as jHDF writes no empty strings), {@code wall_s} (float64);
 * {@code /runs/parameters/<key>} (strings, attribute {@code key}); {@code
 * /runs/populations/<pop>/spikes} (int64) and {@code rate_hz} (float64). Both files are replaced
 * atomically.
 */
final class Summary {
    private Summary() {
    }

    static void write(Sweep sweep, List<RunOutcome> outcomes) throws IOException {
        Files.createDirectories(sweep.outputDir());
        Set<String> pops = new LinkedHashSet<>();
        for (RunOutcome o : outcomes) {
            o.populations().forEach(p -> pops.add(p.name()));
        }
        writeCsv(sweep, outcomes, new ArrayList<>(pops));
        writeH5(sweep, outcomes, new ArrayList<>(pops));
    }

    private static void writeCsv(Sweep sweep, List<RunOutcome> outcomes, List<String> pops) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("index", "status", "seed"));
        header.addAll(sweep.keys());
        for (String p : pops) {
            header.add(p + "_spikes");
            header.add(p + "_rate_hz");
        }
        header.addAll(List.of("wall_s", "member", "spikes_sha256", "output", "message"));
        sb.append(String.join(",", header.stream().map(Summary::csv).toList())).append('\n');
        for (RunOutcome o : outcomes) {
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(o.index()));
            row.add(o.status());
            row.add(String.valueOf(o.seed()));
            for (String k : sweep.keys()) {
                row.add(unquote(o.parameters().getOrDefault(k, "")));
            }
            for (String p : pops) {
                RunOutcome.PopulationResult r = find(o, p);
                row.add(r == null ? "-1" : String.valueOf(r.spikes()));
                row.add(r == null ? "-1" : String.format(Locale.ROOT, "%.6g", r.rateHz()));
            }
            row.add(Double.isFinite(o.wallSeconds()) ? String.format(Locale.ROOT, "%.3f", o.wallSeconds()) : "-1");
            row.add(o.member());
            row.add(o.spikesSha256());
            row.add(o.output());
            row.add(o.message());
            sb.append(String.join(",", row.stream().map(Summary::csv).toList())).append('\n');
        }
        Path target = sweep.outputDir().resolve(Sweep.SUMMARY_CSV);
        Path tmp = Files.createTempFile(sweep.outputDir(), ".summary", ".tmp");
        try {
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeH5(Sweep sweep, List<RunOutcome> outcomes, List<String> pops) throws IOException {
        if (outcomes.isEmpty()) {
            return;
        }
        int n = outcomes.size();
        long[] index = new long[n];
        long[] seed = new long[n];
        double[] wall = new double[n];
        String[] status = new String[n];
        String[] member = new String[n];
        String[] output = new String[n];
        String[] sha = new String[n];
        String[] message = new String[n];
        for (int i = 0; i < n; i++) {
            RunOutcome o = outcomes.get(i);
            index[i] = o.index();
            seed[i] = o.seed();
            wall[i] = Double.isFinite(o.wallSeconds()) ? o.wallSeconds() : -1;
            status[i] = nonEmpty(o.status());
            member[i] = nonEmpty(o.member());
            output[i] = nonEmpty(o.output());
            sha[i] = nonEmpty(o.spikesSha256());
            message[i] = nonEmpty(o.message());
        }
        try (SonataWriter w = SonataWriter.create(sweep.outputDir().resolve(Sweep.SUMMARY_H5), true)) {
            w.rootAttribute("sweep", sweep.name());
            w.rootAttribute("sweep_file", sweep.source().toString());
            w.rootAttribute("base_config", String.valueOf(sweep.baseConfig()));
            w.rootAttribute("runs", (long) sweep.runs().size());
            w.dataset("/runs/index", index, Map.of());
            w.dataset("/runs/seed", seed, Map.of());
            w.dataset("/runs/status", status, Map.of());
            w.dataset("/runs/wall_s", wall, Map.of("units", "s"));
            w.dataset("/runs/member", member, Map.of());
            w.dataset("/runs/output", output, Map.of());
            w.dataset("/runs/spikes_sha256", sha, Map.of());
            w.dataset("/runs/message", message, Map.of());
            for (String k : sweep.keys()) {
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    values[i] = nonEmpty(unquote(outcomes.get(i).parameters().getOrDefault(k, "")));
                }
                w.dataset("/runs/parameters/" + k, values, Map.of("key", k));
            }
            for (String p : pops) {
                long[] spikes = new long[n];
                double[] rate = new double[n];
                for (int i = 0; i < n; i++) {
                    RunOutcome.PopulationResult r = find(outcomes.get(i), p);
                    spikes[i] = r == null ? -1 : r.spikes();
                    rate[i] = r == null || !Double.isFinite(r.rateHz()) ? -1 : r.rateHz();
                }
                w.dataset("/runs/populations/" + p + "/spikes", spikes, Map.of());
                w.dataset("/runs/populations/" + p + "/rate_hz", rate, Map.of("units", "Hz"));
            }
            w.commit();
        }
    }

    private static RunOutcome.PopulationResult find(RunOutcome o, String pop) {
        return o.populations().stream().filter(p -> p.name().equals(pop)).findFirst().orElse(null);
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    /** The plain text of a single-quoted YAML scalar; anything else unchanged. */
    static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("'") && v.endsWith("'")
                ? v.substring(1, v.length() - 1).replace("''", "'") : v;
    }

    private static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return '"' + s.replace("\"", "\"\"").replace("\n", " ") + '"';
        }
        return s;
    }
}
