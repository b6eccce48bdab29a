package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.cortexsim.core.model.Recovery;
import org.junit.jupiter.api.Test;

/**
 * The parameter table against the seed notebook's values, transcribed here by key from the
 * notebook (not from the table), and the lookups derived from the table.
 */
class ParameterTableTest {
    private static final Map<String, Double> NOTEBOOK_RS = Map.of("C", 100.0, "k", 0.7, "vr", -60.0, "vt", -40.0,
            "vpeak", 35.0, "a", 0.03, "b", -2.0, "c", -50.0, "d", 100.0, "vb", -60.0);
    /** FS: the notebook's d = 100 is never applied (d = 0); the cubic onset vb is vr. */
    private static final Map<String, Double> NOTEBOOK_FS = Map.of("C", 20.0, "k", 1.0, "vr", -55.0, "vt", -40.0,
            "vpeak", 25.0, "a", 0.2, "b", 0.025, "c", -45.0, "d", 0.0, "vb", -55.0);

    /** IB, Izhikevich 2007, fig. 8.19 (layer 5 intrinsically bursting pyramidal cell); vb unused (linear), = vr. */
    private static final Map<String, Double> BOOK_IB = Map.of("C", 150.0, "k", 1.2, "vr", -75.0, "vt", -45.0,
            "vpeak", 50.0, "a", 0.01, "b", 5.0, "c", -56.0, "d", 130.0, "vb", -75.0);
    /** CH, Izhikevich 2007, fig. 8.23 (chattering cell of cat visual cortex); vb unused (linear), = vr. */
    private static final Map<String, Double> BOOK_CH = Map.of("C", 50.0, "k", 1.5, "vr", -60.0, "vt", -40.0,
            "vpeak", 25.0, "a", 0.03, "b", 1.0, "c", -40.0, "d", 150.0, "vb", -60.0);

    @Test
    void bookPresetsAreTheBooksValues() {
        for (Parameter p : Parameter.values()) {
            assertEquals(BOOK_IB.get(p.key()), Preset.IB.parameters().get(p), 0.0, "IB " + p.key());
            assertEquals(BOOK_CH.get(p.key()), Preset.CH.parameters().get(p), 0.0, "CH " + p.key());
        }
        assertSame(Recovery.LINEAR, Preset.IB.parameters().recovery());
        assertSame(Recovery.LINEAR, Preset.CH.parameters().recovery());
    }

    @Test
    void presetColumnsAreTheNotebooksValues() {
        assertEquals(NOTEBOOK_RS.keySet(), new HashSet<>(Parameter.keys()), "one row per notebook parameter");
        for (Parameter p : Parameter.values()) {
            assertEquals(NOTEBOOK_RS.get(p.key()), Preset.RS.parameters().get(p), 0.0, "RS " + p.key());
            assertEquals(NOTEBOOK_FS.get(p.key()), Preset.FS.parameters().get(p), 0.0, "FS " + p.key());
        }
        assertSame(Recovery.LINEAR, Preset.RS.parameters().recovery());
        assertSame(Recovery.CUBIC_ABOVE_VB, Preset.FS.parameters().recovery());
        assertTrue(Preset.FS.note().contains("d = 100"), Preset.FS.note());
    }

    @Test
    void namedAccessorsReadTheirRow() {
        IzhikevichParameters rs = Preset.RS.parameters();
        assertEquals(100, rs.capacitance(), 0.0);
        assertEquals(0.7, rs.k(), 0.0);
        assertEquals(-60, rs.vr(), 0.0);
        assertEquals(-40, rs.vt(), 0.0);
        assertEquals(35, rs.vpeak(), 0.0);
        assertEquals(0.03, rs.a(), 0.0);
        assertEquals(-2, rs.b(), 0.0);
        assertEquals(-50, rs.c(), 0.0);
        assertEquals(100, rs.d(), 0.0);
        assertEquals(-60, rs.vb(), 0.0);
    }

    @Test
    void keysAreUniqueAndLookupsRoundTrip() {
        assertEquals(Parameter.values().length, new HashSet<>(Parameter.keys()).size());
        for (Parameter p : Parameter.values()) {
            assertSame(p, Parameter.byKey(p.key()));
        }
        assertNull(Parameter.byKey("V"));
        assertEquals(List.of("RS", "FS", "IB", "CH"), Preset.names());
        assertSame(Preset.FS, Preset.byName("fs"));
        assertSame(Preset.IB, Preset.byName("ib"));
        assertNull(Preset.byName("LTS"));
    }

    @Test
    void invariantsOfTheTableAreChecked() {
        IzhikevichParameters rs = Preset.RS.parameters();
        IllegalArgumentException c = assertThrows(IllegalArgumentException.class,
                () -> rs.with(Parameter.CAPACITANCE, 0));
        assertEquals("parameter C must be > 0 pF, got 0.0", c.getMessage());
        assertThrows(IllegalArgumentException.class, () -> rs.with(Parameter.RESET_V, 35));
        assertThrows(IllegalArgumentException.class, () -> rs.with(Parameter.RECOVERY_RATE, Double.NaN));
        assertEquals(rs, rs.with(Parameter.RESET_V, -50), "a copy with the same values is equal");
    }
}
