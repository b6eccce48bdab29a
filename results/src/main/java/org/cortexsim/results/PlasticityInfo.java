package org.cortexsim.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a result's main file says about one plastic projection, from
 * {@code /provenance/plasticity/<projection>} (written by the run): the rule and its parameters,
 * the weight unit and bounds, the number of synapses and bytes per plastic synapse, the weight
 * statistics at the start and the end (mean, sd, min, max, fraction at the lower bound, fraction
 * at the upper bound), and the weight histograms at the start and the end over common bins.
 * {@link #write} and {@link #read} are the one description of that group's layout.
 */
public record PlasticityInfo(String projection, String rule, String parameters, String units, double lowerBound,
        double upperBound, long synapses, double bytesPerSynapse, double[] initialStats, double[] finalStats,
        double[] histogramEdges, long[] histogramInitial, long[] histogramFinal) {

    /** Index of the mean in the statistics. */
    public static final int MEAN = 0;
    public static final int SD = 1;
    public static final int MIN = 2;
    public static final int MAX = 3;
    public static final int AT_LOWER = 4;
    public static final int AT_UPPER = 5;

    /** The group of projection {@code projection} in a main file. */
    public static String path(String projection) {
        return "/provenance/plasticity/" + projection;
    }

    /**
     * Writes this projection's group into the main file being written by {@code w}: the statistics
     * at the start (with the attributes naming the rule, its parameters, the unit, the bounds, the
     * synapse count and the bytes per synapse) and at the end, the bin edges and both histograms.
     */
    public void write(SonataWriter w) {
        String base = path(projection);
        Map<String, Object> attrs = new java.util.LinkedHashMap<>();
        attrs.put("columns", new String[] {"mean", "sd", "min", "max", "fraction_at_lower_bound",
            "fraction_at_upper_bound"});
        attrs.put("units", units);
        attrs.put("rule", rule);
        attrs.put("parameters", parameters);
        attrs.put("lower_bound", lowerBound);
        attrs.put("upper_bound", upperBound);
        attrs.put("synapses", synapses);
        attrs.put("bytes_per_synapse", bytesPerSynapse);
        w.dataset(base + "/weight_stats_initial", initialStats, attrs);
        w.dataset(base + "/weight_stats_final", finalStats, Map.of("units", units));
        w.dataset(base + "/histogram_edges", histogramEdges, Map.of("units", units));
        w.dataset(base + "/histogram_initial", histogramInitial, Map.of());
        w.dataset(base + "/histogram_final", histogramFinal, Map.of());
    }

    /** The plastic projections of the result whose main file is {@code main}, in file order (none: empty). */
    public static List<PlasticityInfo> read(Path main) throws IOException {
        List<PlasticityInfo> out = new ArrayList<>();
        try (SonataReader r = SonataReader.open(main)) {
            for (String name : r.children("/provenance/plasticity")) {
                String base = path(name);
                Map<String, Object> a = r.attributes(base + "/weight_stats_initial");
                out.add(new PlasticityInfo(name, string(a.get("rule")), string(a.get("parameters")),
                        string(a.get("units")), number(a.get("lower_bound")), number(a.get("upper_bound")),
                        (long) number(a.get("synapses")), number(a.get("bytes_per_synapse")),
                        r.doubles(base + "/weight_stats_initial"), r.doubles(base + "/weight_stats_final"),
                        r.doubles(base + "/histogram_edges"), r.longs(base + "/histogram_initial"),
                        r.longs(base + "/histogram_final")));
            }
        }
        return out;
    }

    private static String string(Object o) {
        return o instanceof String s ? s : "?";
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
