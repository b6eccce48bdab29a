package org.cortexsim.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Finds the known name closest to a misspelt one, for "did you mean ...?" hints. Stateless. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The known name nearest to {@code wrong}: a case-insensitive match, a name that only adds a
     * unit suffix ({@code dt} for {@code dt_ms}), or one within a small edit distance; of equally
     * near names the shortest ({@code nmda_conductance} before {@code nmda_beta_conductance} for
     * {@code nmda}), then the first in {@code known}'s order.
     */
    static Optional<String> nearest(String wrong, Collection<String> known) {
        String w = wrong.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            String kl = k.toLowerCase(Locale.ROOT);
            int d = kl.equals(w) ? 0 : kl.startsWith(w + "_") ? 1 : distance(w, kl);
            if (d < bestDistance || d == bestDistance && k.length() < best.length()) {
                best = k;
                bestDistance = d;
            }
        }
        int limit = Math.max(1, Math.min(3, w.length() / 3));
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** {@code ; did you mean 'x'?} or {@code ; allowed: a, b, c} for an unknown {@code what}. */
    static String hint(String wrong, Collection<String> known, String allowedLabel) {
        Optional<String> n = nearest(wrong, known);
        if (n.isPresent()) {
            return "; did you mean '" + n.get() + "'?";
        }
        return known.isEmpty() ? "" : "; " + allowedLabel + ": " + list(known);
    }

    static String list(Collection<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
