package org.cortexsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The "did you mean" hint: the nearest known name, the shortest of equally near ones, none when far. */
class SuggestionsTest {

    @Test
    void aPrefixOfSeveralNamesSuggestsTheShortestWhateverTheirOrder() {
        List<String> models = List.of("delta", "nmda_beta_conductance", "nmda_conductance", "exp_conductance");
        assertEquals(Optional.of("nmda_conductance"), Suggestions.nearest("nmda", models));
        List<String> reversed = new ArrayList<>(models);
        Collections.reverse(reversed);
        assertEquals(Optional.of("nmda_conductance"), Suggestions.nearest("NMDA", reversed));
    }

    @Test
    void anExactMatchAUnitSuffixAndATypoAreFoundAndAFarNameIsNot() {
        assertEquals(Optional.of("dt_ms"), Suggestions.nearest("dt", List.of("duration_ms", "dt_ms", "seed")));
        assertEquals(Optional.of("Seed"), Suggestions.nearest("seed", List.of("Seed", "seed_ms")));
        assertEquals(Optional.of("tau_ms"), Suggestions.nearest("tua_ms", List.of("tau_ms", "E_rev_mV")));
        assertEquals(Optional.empty(), Suggestions.nearest("gap_junction", List.of("delta", "exp_current")));
    }
}
