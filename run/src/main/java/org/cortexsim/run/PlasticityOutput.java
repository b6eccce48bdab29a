package org.cortexsim.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.cortexsim.network.PlasticSynapses;
import org.cortexsim.network.Projection;
import org.cortexsim.network.Simulation;
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.network.plasticity.RuleParameters;
import org.cortexsim.results.PlasticityInfo;
import org.cortexsim.results.SonataWriter;

/**
 * What a run writes about its plastic projections into the main file, under
 * {@code /provenance/plasticity/<projection>}: {@code weight_stats_initial} and
 * {@code weight_stats_final} (mean, sd, min, max, fraction at the lower bound, fraction at the
 * upper bound; weight unit), and the weight histograms at the start and the end over the same
 * {@value #BINS} bins ({@code histogram_edges}, {@code histogram_initial},
 * {@code histogram_final}): over the rule's bounds when both are finite, else over the range of
 * the initial weights. Attributes name the rule, its parameters, the synapse count and the
 * memory per plastic synapse. The initial state is taken before the first step (a resumed run
 * takes it from the network it builds, before the checkpoint is restored); with {@code
 * output.edges} the initial weights are also kept, for the edges' {@code syn_weight_initial}. A
 * partitioned run's driver writes the same from the weights of every partition merged into the
 * whole network's storage order ({@link #info}).
 */
final class PlasticityOutput {
    static final int BINS = 50;

    /** The start of one plastic projection: its initial statistics and histogram, and its initial weights if kept. */
    record Start(Projection projection, double lower, double upper, double[] stats, double[] edges, long[] histogram,
            double[] weights) {
    }

    private PlasticityOutput() {
    }

    /** Takes the start of every plastic projection of {@code sim} (call before the run). */
    static List<Start> before(Simulation sim, boolean keepWeights) {
        List<Start> out = new ArrayList<>();
        for (Projection pr : sim.projections()) {
            PlasticSynapses ps = pr.plasticity();
            if (ps == null) {
                continue;
            }
            double[] w = ps.state().weights();
            double lower = ps.rule().minWeight(ps.parameters());
            double upper = ps.rule().maxWeight(ps.parameters());
            double[] stats = stats(w, lower, upper);
            double[] edges = edges(lower, upper, stats);
            out.add(new Start(pr, lower, upper, stats, edges, histogram(w, edges), keepWeights ? w.clone() : null));
        }
        return out;
    }

    /**
     * The {@value #BINS} + 1 histogram edges: over the rule's bounds when both are finite, else over
     * the range of the initial weights ({@code initialStats}: min at 2, max at 3).
     */
    private static double[] edges(double lower, double upper, double[] initialStats) {
        double lo = Double.isFinite(lower) && Double.isFinite(upper) ? lower : initialStats[2];
        double hi = Double.isFinite(lower) && Double.isFinite(upper) ? upper : initialStats[3];
        if (!(hi > lo)) {
            hi = lo + Math.max(1e-9, Math.abs(lo) * 1e-6);
        }
        double[] edges = new double[BINS + 1];
        for (int b = 0; b <= BINS; b++) {
            edges[b] = lo + (hi - lo) * b / BINS;
        }
        return edges;
    }

    /** The initial weights of {@code pr} (storage order), or null when they were not kept or it is static. */
    static double[] initialWeights(List<Start> starts, Projection pr) {
        for (Start s : starts) {
            if (s.projection == pr) {
                return s.weights;
            }
        }
        return null;
    }

    /** Writes the start and the final state of every plastic projection (call after the run). */
    static void write(SonataWriter w, List<Start> starts) {
        for (Start s : starts) {
            Projection pr = s.projection;
            PlasticSynapses ps = pr.plasticity();
            double[] weights = ps.state().weights();
            new PlasticityInfo(pr.name(), ps.rule().name(), describe(ps.parameters()), pr.channel().model().weightUnit(),
                    s.lower, s.upper, weights.length, pr.bytesPerSynapse() + ps.bytesPerSynapse(), s.stats,
                    stats(weights, s.lower, s.upper), s.edges, s.histogram, histogram(weights, s.edges)).write(w);
        }
    }

    /**
     * What a run writes about plastic projection {@code projection} whose initial and final
     * weights (in the whole network's storage order) are {@code initial} and {@code fin}: the same
     * statistics and histograms as {@link #write}, for a run whose projections were not all in this
     * process (a partitioned run's driver).
     */
    static PlasticityInfo info(String projection, PlasticityRule rule, RuleParameters parameters, String units,
            double bytesPerSynapse, double[] initial, double[] fin) {
        double lower = rule.minWeight(parameters);
        double upper = rule.maxWeight(parameters);
        double[] stats = stats(initial, lower, upper);
        double[] edges = edges(lower, upper, stats);
        return new PlasticityInfo(projection, rule.name(), describe(parameters), units, lower, upper, fin.length,
                bytesPerSynapse, stats, stats(fin, lower, upper), edges, histogram(initial, edges),
                histogram(fin, edges));
    }

    private static String describe(RuleParameters parameters) {
        String numbers = parameters.values().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        String words = parameters.choices().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        return words.isEmpty() ? numbers : numbers + ", " + words;
    }

    /** Mean, sd, min, max and the fractions exactly at the bounds. */
    static double[] stats(double[] w, double lower, double upper) {
        int n = w.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long atLower = 0;
        long atUpper = 0;
        for (double x : w) {
            mean += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
            atLower += x == lower ? 1 : 0;
            atUpper += x == upper ? 1 : 0;
        }
        mean /= n;
        double sq = 0;
        for (double x : w) {
            sq += (x - mean) * (x - mean);
        }
        return new double[] {mean, Math.sqrt(sq / n), min, max, (double) atLower / n, (double) atUpper / n};
    }

    /** Counts per bin [edges[b], edges[b + 1]); the last bin includes its upper edge; values outside are not counted. */
    static long[] histogram(double[] w, double[] edges) {
        int bins = edges.length - 1;
        long[] h = new long[bins];
        double lo = edges[0];
        double hi = edges[bins];
        for (double x : w) {
            if (x < lo || x > hi) {
                continue;
            }
            int b = (int) ((x - lo) / (hi - lo) * bins);
            h[Math.min(bins - 1, Math.max(0, b))]++;
        }
        return h;
    }
}
