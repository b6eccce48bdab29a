package org.cortexsim.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cortexsim.results.PlasticityInfo;
import org.cortexsim.results.ResultInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cortexsim info}: what a result file holds, for people. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Summarise a result file: populations, spikes, rates, ISI CV, reports, provenance.")
final class InfoCommand extends Subcommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "an HDF5 file written by cortexsim run")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = out();
        ResultInfo info;
        try {
            info = ResultInfo.read(file);
        } catch (IOException e) {
            err().println("cortexsim: " + Errors.describeResultInput(e));
            return ExitCodes.USAGE;
        }
        Map<String, Object> p = info.provenance();
        out.printf(Locale.ROOT, "%s%n", info.file());
        out.printf(Locale.ROOT, "  status      %s%n", p.getOrDefault("status", "?"));
        out.printf(Locale.ROOT, "  simulator   %s %s%n", p.getOrDefault("simulator", "?"), p.getOrDefault("simulator_version", ""));
        out.printf(Locale.ROOT, "  config      %s%s%n", p.getOrDefault("config_source", "?"),
                p.get("config_overrides") instanceof String[] o ? " with --set " + String.join(" --set ", o) : "");
        out.printf(Locale.ROOT, "  seed %s, dt %s ms, duration %s ms, reached %s ms, %s thread(s), loop %s s%n",
                p.get("seed"), p.get("dt_ms"), p.get("duration_ms"), p.get("model_time_reached_ms"), p.get("threads"),
                p.get("wall_time_loop_s"));
        if (p.get("partitions") instanceof Long k) {
            out.printf(Locale.ROOT, "  partitioned into %d (neuron bounds %s), spikes exchanged every %s step(s), %s "
                    + "exchanges%n", k, p.get("partition_bounds") instanceof long[] b ? java.util.Arrays.toString(b) : "?",
                    p.getOrDefault("exchange_window_steps", "?"), p.getOrDefault("exchanges", "?"));
        }
        out.printf(Locale.ROOT, "  started %s, %s%n", p.get("started_at"), p.get("finished_at") == null
                ? "not finished (the run is running, or was killed)" : "finished " + p.get("finished_at"));
        if (p.get("resumed_from_ms") != null) {
            out.printf(Locale.ROOT, "  resumed from the checkpoint at t = %s ms%n", p.get("resumed_from_ms"));
        }
        if (p.get("checkpoint_model_time_ms") != null) {
            out.printf(Locale.ROOT, "  checkpoint  t = %s ms in %s; continue with the command that ran it and --resume (in place of --overwrite, if it had it)%n",
                    p.get("checkpoint_model_time_ms"), p.get("checkpoint_file"));
        }
        out.println();
        int modelWidth = Math.max(5, info.populations().stream().mapToInt(q -> q.model().length()).max().orElse(5));
        out.printf(Locale.ROOT, "  %-12s %-" + modelWidth + "s %9s %10s %10s %8s%n", "population", "model", "neurons",
                "spikes", "rate (Hz)", "CV ISI");
        for (ResultInfo.PopulationInfo pop : info.populations()) {
            // CV ISI needs a neuron with two intervals: "-" (not NaN) for a population without one
            out.printf(Locale.ROOT, "  %-12s %-" + modelWidth + "s %9d %10d %10.2f %8s%n", pop.name(), pop.model(),
                    pop.size(), pop.spikes(), pop.rateHz(),
                    Double.isNaN(pop.cvIsi()) ? "-" : String.format(Locale.ROOT, "%.2f", pop.cvIsi()));
        }
        List<PlasticityInfo> plastic;
        try {
            plastic = PlasticityInfo.read(file);
        } catch (IOException | RuntimeException e) {
            plastic = List.of();
        }
        if (!plastic.isEmpty()) {
            printPlasticity(out, plastic);
        }
        if (!info.reports().isEmpty()) {
            out.println();
            out.println("  reports:");
            // columns as wide as their longest entry (at least 28, 6 and 10), so long report names stay aligned
            int fileWidth = 28;
            int variableWidth = 6;
            int populationWidth = 10;
            for (ResultInfo.ReportInfo r : info.reports()) {
                fileWidth = Math.max(fileWidth, reportFile(r).length());
                variableWidth = Math.max(variableWidth, r.variable().length());
                populationWidth = Math.max(populationWidth, r.population().length());
            }
            String row = "  %-" + fileWidth + "s %-" + variableWidth + "s of %-" + populationWidth
                    + "s %s, %d %s x %d samples, [%s, %s) ms every %s ms%n";
            for (ResultInfo.ReportInfo r : info.reports()) {
                out.printf(Locale.ROOT, row, reportFile(r), r.variable(), r.population(), r.units(), r.neurons(),
                        r.synapses() ? "synapses" : "neurons", r.rows(),
                        time(r.startMs()), time(r.stopMs()), time(r.intervalMs()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Weight statistics per plastic projection: start and end mean, sd, range and the fractions at the bounds. */
    private static void printPlasticity(PrintWriter out, List<PlasticityInfo> plastic) {
        out.println();
        out.println("  plastic projections (weights at the start -> at the end):");
        for (PlasticityInfo p : plastic) {
            double[] a = p.initialStats();
            double[] b = p.finalStats();
            out.printf(Locale.ROOT, "  %-12s %-16s %d synapses, %s B each; %s%n", p.projection(), p.rule(),
                    p.synapses(), fmt(p.bytesPerSynapse()), p.parameters());
            out.printf(Locale.ROOT, "    mean %s -> %s %s, sd %s -> %s, range [%s, %s] -> [%s, %s]%n",
                    fmt(a[PlasticityInfo.MEAN]), fmt(b[PlasticityInfo.MEAN]), p.units(), fmt(a[PlasticityInfo.SD]),
                    fmt(b[PlasticityInfo.SD]), fmt(a[PlasticityInfo.MIN]), fmt(a[PlasticityInfo.MAX]),
                    fmt(b[PlasticityInfo.MIN]), fmt(b[PlasticityInfo.MAX]));
            if (Double.isFinite(p.lowerBound()) || Double.isFinite(p.upperBound())) {
                out.printf(Locale.ROOT, "    at w_min %s: %.1f%% -> %.1f%%, at w_max %s: %.1f%% -> %.1f%%%n",
                        fmt(p.lowerBound()), 100 * a[PlasticityInfo.AT_LOWER], 100 * b[PlasticityInfo.AT_LOWER],
                        fmt(p.upperBound()), 100 * a[PlasticityInfo.AT_UPPER], 100 * b[PlasticityInfo.AT_UPPER]);
            }
        }
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.4g", x);
    }

    /** A time in ms without binary noise, as a double prints it (2000.1, 1000.0). */
    static String time(double ms) {
        return Double.toString(org.cortexsim.core.TimeGrid.clean(ms));
    }

    /** The report's file name as {@code info} prints it, with how many more segments hold it. */
    private static String reportFile(ResultInfo.ReportInfo r) {
        return r.file().getFileName() + (r.files() > 1
                ? " and " + (r.files() - 1) + " more segment" + (r.files() > 2 ? "s" : "") : "");
    }
}
