package org.cortexsim.network.plasticity;

import java.util.ArrayList;
import java.util.List;
import org.cortexsim.network.synapse.FieldSpec;

/**
 * The state fields a {@link PlasticityRule} declares, as a recording addresses them: by name
 * ({@code x_pre}), or qualified by kind ({@code synapse.e}, {@code pre.x_pre},
 * {@code post.x_post}) when a rule declares one name for two kinds. Nothing here depends on the
 * rule beyond its declarations, so a plugin rule's fields are addressed as a built-in rule's.
 */
public final class RuleFields {
    /** Where a field is held: per synapse, per presynaptic slot, per postsynaptic neuron. */
    public enum Kind {
        SYNAPSE("synapse"), PRE("pre"), POST("post");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The qualifier of a field of this kind: {@code synapse}, {@code pre} or {@code post}. */
        public String prefix() {
            return prefix;
        }
    }

    /** One declared field and its kind. */
    public record Field(Kind kind, FieldSpec spec) {
        /** The field's qualified name, e.g. {@code pre.x_pre}. */
        public String qualifiedName() {
            return kind.prefix() + "." + spec.name();
        }
    }

    private RuleFields() {
    }

    /** Every field of {@code rule}: its synapse, then presynaptic, then postsynaptic state, each in declared order. */
    public static List<Field> of(PlasticityRule rule) {
        List<Field> out = new ArrayList<>();
        rule.synapseState().forEach(f -> out.add(new Field(Kind.SYNAPSE, f)));
        rule.preState().forEach(f -> out.add(new Field(Kind.PRE, f)));
        rule.postState().forEach(f -> out.add(new Field(Kind.POST, f)));
        return out;
    }

    /**
     * The names a recording may give for the fields of {@code rule}: each field's own name, or its
     * qualified name when another kind declares the same name.
     */
    public static List<String> names(PlasticityRule rule) {
        List<Field> fields = of(rule);
        List<String> out = new ArrayList<>();
        for (Field f : fields) {
            boolean shared = fields.stream().filter(g -> g.spec().name().equals(f.spec().name())).count() > 1;
            out.add(shared ? f.qualifiedName() : f.spec().name());
        }
        return out;
    }

    /**
     * The field of {@code rule} named {@code name} (a bare name or a qualified one); null when the
     * rule declares none of that name.
     *
     * @throws IllegalArgumentException when a bare name is declared by two kinds, naming the qualified names to use
     */
    public static Field find(PlasticityRule rule, String name) {
        List<Field> matches = new ArrayList<>();
        for (Field f : of(rule)) {
            if (f.qualifiedName().equals(name)) {
                return f;
            }
            if (f.spec().name().equals(name)) {
                matches.add(f);
            }
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("field '" + name + "' of plasticity rule '" + rule.name()
                    + "' is declared for " + matches.size() + " kinds of state; name one: "
                    + String.join(", ", matches.stream().map(Field::qualifiedName).toList()));
        }
        return matches.isEmpty() ? null : matches.get(0);
    }
}
