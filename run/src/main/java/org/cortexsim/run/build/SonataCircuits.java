package org.cortexsim.run.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.InitialStateSpec;
import org.cortexsim.config.JsonFiles;
import org.cortexsim.config.Location;
import org.cortexsim.config.PopulationSpec;
import org.cortexsim.config.ProjectionSpec;
import org.cortexsim.config.RuleSpec;
import org.cortexsim.config.SonataCircuitReader;
import org.cortexsim.config.SonataCircuitReader.VirtualPopulation;
import org.cortexsim.config.SynapseSpec;
import org.cortexsim.config.ValueSpec;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.cortexsim.results.SonataReader;

/**
 * Reads a SONATA circuit into config populations and projections (the {@link SonataCircuitReader}
 * service, registered in {@code META-INF/services}), following the specification and the files
 * bmtk's {@code NetworkBuilder} writes.
 *
 * <p><b>Circuit config.</b> {@code manifest} variables ({@code $NAME} or {@code ${NAME}}) are
 * substituted; relative paths resolve against the circuit config's directory. {@code
 * components.point_neuron_models_dir} and {@code components.synaptic_models_dir} are where {@code
 * dynamics_params} files are looked up (then beside the types table). {@code networks.nodes} and
 * {@code networks.edges} list the files; an entry's {@code populations} object, when present,
 * names its populations in order, otherwise all populations of the file are read in name order.
 *
 * <p><b>Nodes.</b> A node's type row (matched on {@code node_type_id}, and on the {@code population}
 * column when the table has one) must have {@code model_template} {@code cortexsim:RS} or {@code
 * cortexsim:FS}, or another preset such as {@code cortexsim:IB} (any case) and, if given, {@code model_type point_neuron}. Node ids are the
 * indices {@code 0..n-1}, as libsonata reads them. Each parameter ({@code C, k, vr, vt, vpeak, a,
 * b, c, d, vb}) and the initial state ({@code v_init} mV, {@code u_init} pA) is taken, first
 * found, from the node's group ({@code <group>/dynamics_params/<name>}, then {@code
 * <group>/<name>}, at {@code node_group_index}), then its type ({@code dynamics_params} JSON, then
 * a column of the types table), then the preset (initial state: {@code v = vr}, {@code u = 0}).
 * A value shared by all nodes of a population becomes a constant, others a per-node column. A
 * node population whose types use both models becomes one population per model, named after the
 * types' {@code pop_name} when each model has exactly one, otherwise {@code <population>_<model>};
 * its local ids follow the node ids. A node population whose types all have {@code model_type
 * virtual} (bmtk's inputs) is no population of the circuit's: it is listed in {@link
 * Network#virtualPopulations()}, its edges start from the config's {@code spike_source} population
 * of the same name, whose local ids are the node ids.
 *
 * <p><b>Edges.</b> An edge type's {@code model_template} names the synapse model (with or without
 * the {@code cortexsim:} schema; absent means {@code delta}) and its {@code dynamics_params} JSON,
 * if any, the synapse parameters. The edges of one edge population become one projection per
 * (pre population, post population, synapse model and parameters), named after the edge
 * population when there is one, otherwise with the populations and model appended, and ordered by
 * pre population, post population and the edge types table's order (the order of projections
 * fixes the order in which synaptic input is summed). Weights and
 * delays are read when the network is built ({@link EdgeFiles}). Names that are not identifiers
 * have their other characters replaced by {@code _}.
 */
public final class SonataCircuits implements SonataCircuitReader {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)\\}?");
    private static final List<String> NODE_VALUES = nodeValueNames();
    /** The node templates cortexsim simulates: {@code cortexsim:} and a preset's name. */
    private static final String PRESET_TEMPLATES = String.join(", ", Arrays.stream(Preset.values())
            .map(p -> SonataCircuitFiles.SCHEMA + ":" + p.name()).toList());
    private static final String VIRTUAL = SonataCircuitFiles.VIRTUAL;

    /** For the service loader. */
    public SonataCircuits() {
    }

    private static List<String> nodeValueNames() {
        List<String> names = new ArrayList<>();
        for (Parameter p : Parameter.values()) {
            names.add(p.key());
        }
        names.add(SonataCircuitFiles.V_INIT);
        names.add(SonataCircuitFiles.U_INIT);
        return List.copyOf(names);
    }

    @Override
    public Network read(Path circuitConfig, Location location) throws ConfigException {
        try {
            return new Reading(circuitConfig.toAbsolutePath().normalize(), location).network();
        } catch (NoSuchFileException e) {
            throw new ConfigException(location, "SONATA circuit " + circuitConfig + ": file not found: " + e.getFile()
                    + (e.getReason() == null ? "" : " (" + e.getReason() + ")"));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(location, "SONATA circuit " + circuitConfig + ": " + e.getMessage());
        }
    }

    /** Replaces every character that cannot appear in a cortexsim name by {@code _}. */
    static String identifier(String name) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? c : '_');
        }
        if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
            b.insert(0, '_');
        }
        return b.toString();
    }

    /** The neuron model of a {@code model_template} such as {@code cortexsim:RS}, or null. */
    static String neuronModel(String template) {
        if (template == null) {
            return null;
        }
        int colon = template.indexOf(':');
        if (colon < 0 || !template.substring(0, colon).trim().equalsIgnoreCase(SonataCircuitFiles.SCHEMA)) {
            return null;
        }
        Preset p = Preset.byName(template.substring(colon + 1).trim().toUpperCase(Locale.ROOT));
        return p == null ? null : p.name();
    }

    /** The synapse model of an edge type's {@code model_template}: the name without the {@code cortexsim:} schema. */
    static String synapseModel(String template) {
        if (template == null) {
            return SynapseSpec.DEFAULT_MODEL;
        }
        String t = template.trim();
        int colon = t.indexOf(':');
        if (colon >= 0 && t.substring(0, colon).equalsIgnoreCase(SonataCircuitFiles.SCHEMA)) {
            t = t.substring(colon + 1).trim();
        }
        return t;
    }

    /** One node population subset that becomes a cortexsim population. */
    private record Part(String name, String model, long[] nodeIds) {
    }

    /** Reading of one circuit config. */
    private static final class Reading {
        private final Path config;
        private final Path dir;
        private final Location at;
        private final Map<String, String> manifest = new LinkedHashMap<>();
        private final Map<Path, Map<String, Object>> jsonFiles = new HashMap<>();
        private Path neuronModelsDir;
        private Path synapseModelsDir;
        /** SONATA node population name to its parts (cortexsim populations), in order. */
        private final Map<String, List<Part>> parts = new LinkedHashMap<>();
        private final Set<String> names = new LinkedHashSet<>();
        /** Node populations of {@code model_type virtual}, in circuit order. */
        private final List<VirtualPopulation> virtuals = new ArrayList<>();
        /** Populations returned so far (the place of the next virtual population among them). */
        private int emitted;

        Reading(Path config, Location at) {
            this.config = config;
            this.dir = config.getParent();
            this.at = at;
        }

        Network network() throws IOException, ConfigException {
            Map<String, Object> root = JsonFiles.readObject(config);
            for (Map.Entry<String, Object> e : object(root, "manifest").entrySet()) {
                manifest.put(e.getKey().startsWith("$") ? e.getKey().substring(1) : e.getKey(),
                        String.valueOf(e.getValue()));
            }
            Map<String, Object> components = object(root, "components");
            neuronModelsDir = components.get("point_neuron_models_dir") instanceof String d ? path(d) : null;
            synapseModelsDir = components.get("synaptic_models_dir") instanceof String d ? path(d) : null;
            Map<String, Object> networks = object(root, "networks");
            List<PopulationSpec> populations = new ArrayList<>();
            for (Map<String, Object> entry : list(networks, "nodes")) {
                Path nodes = required(entry, "nodes_file");
                Path types = entry.get("node_types_file") instanceof String t ? path(t) : null;
                populations.addAll(nodes(nodes, types, explicitPopulations(entry)));
            }
            if (populations.isEmpty()) {
                throw new IOException("networks.nodes lists no node population" + (virtuals.isEmpty() ? "" : " of"
                        + " model_type point_neuron (only virtual ones)") + "; cortexsim needs at least one");
            }
            List<ProjectionSpec> projections = new ArrayList<>();
            for (Map<String, Object> entry : list(networks, "edges")) {
                Path edges = required(entry, "edges_file");
                Path types = entry.get("edge_types_file") instanceof String t ? path(t) : null;
                projections.addAll(edges(edges, types, explicitPopulations(entry)));
            }
            return new Network(populations, projections, virtuals);
        }

        /** The object at {@code key} (empty when absent). */
        @SuppressWarnings("unchecked")
        private Map<String, Object> object(Map<String, Object> parent, String key) throws IOException {
            Object v = parent.get(key);
            if (v == null) {
                return Map.of();
            }
            if (!(v instanceof Map<?, ?>)) {
                throw new IOException("'" + key + "' in " + config + " must be a JSON object");
            }
            return (Map<String, Object>) v;
        }

        /** The list of objects at {@code key} (empty when absent). */
        @SuppressWarnings("unchecked")
        private List<Map<String, Object>> list(Map<String, Object> parent, String key) throws IOException {
            Object v = parent.get(key);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> l) || !l.stream().allMatch(x -> x instanceof Map<?, ?>)) {
                throw new IOException("'networks." + key + "' in " + config + " must be a list of objects");
            }
            return (List<Map<String, Object>>) v;
        }

        private List<String> explicitPopulations(Map<String, Object> entry) throws IOException {
            if (!entry.containsKey("populations")) {
                return null;
            }
            return new ArrayList<>(object(entry, "populations").keySet());
        }

        private Path required(Map<String, Object> entry, String key) throws IOException {
            if (!(entry.get(key) instanceof String value)) {
                throw new IOException("an entry of networks lacks '" + key + "'");
            }
            Path p = path(value);
            if (!Files.isRegularFile(p)) {
                throw new NoSuchFileException(p.toString(), null, key + " in " + config);
            }
            return p;
        }

        /** A path of the circuit config with manifest variables substituted, resolved against its directory. */
        private Path path(String raw) throws IOException {
            String text = raw;
            for (int round = 0; round < 16 && text.contains("$"); round++) {
                Matcher mm = VARIABLE.matcher(text);
                StringBuilder b = new StringBuilder();
                while (mm.find()) {
                    String value = manifest.get(mm.group(1));
                    if (value == null) {
                        throw new IOException("'" + raw + "' uses $" + mm.group(1) + ", which the manifest does not define");
                    }
                    mm.appendReplacement(b, Matcher.quoteReplacement(value));
                }
                mm.appendTail(b);
                text = b.toString();
            }
            return dir.resolve(text).toAbsolutePath().normalize();
        }

        // ------------------------------------------------------------ nodes

        private List<PopulationSpec> nodes(Path file, Path typesFile, List<String> only)
                throws IOException, ConfigException {
            List<PopulationSpec> out = new ArrayList<>();
            try (SonataReader r = SonataReader.open(file)) {
                List<String> available = new ArrayList<>(r.children("/nodes"));
                java.util.Collections.sort(available);
                List<String> pops = only == null ? available : only;
                for (String pop : pops) {
                    if (!available.contains(pop)) {
                        throw new IOException(file + " has no node population '" + pop + "' (it has " + available + ")");
                    }
                    if (typesFile == null) {
                        throw new IOException("the nodes entry of " + file + " names no node_types_file; cortexsim"
                                + " needs the node types (model_template)");
                    }
                    out.addAll(population(r, file, TypesTable.read(typesFile, "node_type_id", pop), pop));
                }
            }
            return out;
        }

        private List<PopulationSpec> population(SonataReader r, Path file, TypesTable types, String pop)
                throws IOException {
            String base = "/nodes/" + pop;
            long[] typeIds = r.longs(base + "/node_type_id");
            int n = typeIds.length;
            long[] groupIds = r.isDataset(base + "/node_group_id") ? r.longs(base + "/node_group_id") : new long[n];
            long[] groupIndex = r.isDataset(base + "/node_group_index") ? r.longs(base + "/node_group_index")
                    : identity(n);
            if (groupIds.length != n || groupIndex.length != n) {
                throw new IOException(file + ": " + base + " has " + n + " node_type_id but " + groupIds.length
                        + " node_group_id and " + groupIndex.length + " node_group_index");
            }
            Map<Long, Map<String, double[]>> groups = new HashMap<>();
            String[] model = new String[n];
            Map<Long, Map<String, Double>> typeValues = new HashMap<>();
            Map<String, Set<String>> popNames = new LinkedHashMap<>();
            double[][] values = new double[NODE_VALUES.size()][n];
            if (isVirtual(types, typeIds, file, pop)) {
                String name = identifier(pop);
                if (!names.add(name)) {
                    throw new IOException("two populations of the circuit would both be called '" + name + "'");
                }
                parts.put(pop, List.of(new Part(name, VIRTUAL, identity(n))));
                virtuals.add(new VirtualPopulation(name, pop, file, n, emitted + virtuals.size(), at));
                return List.of();
            }
            for (int i = 0; i < n; i++) {
                long t = typeIds[i];
                Map<String, String> row = types.row(t);
                if (row == null) {
                    throw new IOException("node " + i + " of '" + pop + "' in " + file + " has node_type_id " + t
                            + ", which " + types.file() + " does not list (it lists " + types.ids() + ")");
                }
                String type = row.get("model_type");
                if (type != null && !type.equals("point_neuron")) {
                    throw new IOException("node type " + t + " in " + types.file() + " has model_type '" + type
                            + "'; cortexsim simulates point_neuron nodes, and reads a node population whose types"
                            + " are all virtual as spike inputs");
                }
                model[i] = neuronModel(row.get("model_template"));
                if (model[i] == null) {
                    throw new IOException("node type " + t + " in " + types.file() + " has model_template '"
                            + row.get("model_template") + "'; cortexsim needs one of " + PRESET_TEMPLATES
                            + " (or model_type virtual for spike inputs)");
                }
                popNames.computeIfAbsent(model[i], k -> new LinkedHashSet<>()).add(String.valueOf(row.get("pop_name")));
                Map<String, Double> typeLevel = typeValues.get(t);
                if (typeLevel == null) {
                    typeLevel = typeLevel(row, types);
                    typeValues.put(t, typeLevel);
                }
                Map<String, double[]> group = groups.get(groupIds[i]);
                if (group == null) {
                    group = group(r, base + "/" + groupIds[i]);
                    groups.put(groupIds[i], group);
                }
                for (int k = 0; k < NODE_VALUES.size(); k++) {
                    String name = NODE_VALUES.get(k);
                    double v = Double.NaN;
                    double[] column = group.get(name);
                    if (column != null) {
                        if (groupIndex[i] < 0 || groupIndex[i] >= column.length) {
                            throw new IOException(file + ": node " + i + " of '" + pop + "' has node_group_index "
                                    + groupIndex[i] + " outside group " + groupIds[i] + " (" + column.length + " rows)");
                        }
                        v = column[(int) groupIndex[i]];
                    } else if (typeLevel.containsKey(name)) {
                        v = typeLevel.get(name);
                    }
                    values[k][i] = v;
                }
            }
            List<String> models = new ArrayList<>(new LinkedHashSet<>(Arrays.asList(model)));
            List<PopulationSpec> out = new ArrayList<>();
            List<Part> partsOfPop = new ArrayList<>();
            for (String m : models) {
                int count = 0;
                for (String x : model) {
                    count += x.equals(m) ? 1 : 0;
                }
                long[] ids = new long[count];
                int c = 0;
                for (int i = 0; i < n; i++) {
                    if (model[i].equals(m)) {
                        ids[c++] = i;
                    }
                }
                Set<String> pn = popNames.get(m);
                String name;
                if (models.size() == 1) {
                    name = identifier(pop);
                } else if (pn.size() == 1 && !pn.contains("null")) {
                    name = identifier(pn.iterator().next());
                } else {
                    name = identifier(pop + "_" + m);
                }
                if (!names.add(name)) {
                    String alt = identifier(pop + "_" + m);
                    if (!names.add(alt)) {
                        throw new IOException("two populations of the circuit would both be called '" + name + "'");
                    }
                    name = alt;
                }
                partsOfPop.add(new Part(name, m, ids));
                out.add(spec(name, m, ids, values, file, pop));
            }
            parts.put(pop, partsOfPop);
            emitted += out.size();
            return out;
        }

        /**
         * Whether every node of population {@code pop} has a type of {@code model_type virtual}; a
         * population mixing virtual and other nodes is refused.
         */
        private static boolean isVirtual(TypesTable types, long[] typeIds, Path file, String pop) throws IOException {
            int virtual = 0;
            long firstVirtual = -1;
            long firstOther = -1;
            for (long t : typeIds) {
                Map<String, String> row = types.row(t);
                if (row != null && VIRTUAL.equals(row.get("model_type"))) {
                    virtual++;
                    firstVirtual = firstVirtual < 0 ? t : firstVirtual;
                } else if (firstOther < 0) {
                    firstOther = t;
                }
            }
            if (virtual > 0 && virtual < typeIds.length) {
                throw new IOException("node population '" + pop + "' of " + file + " mixes virtual nodes (type "
                        + firstVirtual + ") with others (type " + firstOther + "); put the virtual nodes (spike inputs)"
                        + " in a node population of their own");
            }
            return typeIds.length > 0 && virtual == typeIds.length;
        }

        private PopulationSpec spec(String name, String model, long[] ids, double[][] values, Path file, String pop) {
            Preset preset = Preset.byName(model);
            String origin = file.getFileName() + ":/nodes/" + pop;
            Map<String, ValueSpec> params = new LinkedHashMap<>();
            double[] vr = new double[ids.length];
            for (int k = 0; k < NODE_VALUES.size(); k++) {
                String key = NODE_VALUES.get(k);
                Parameter parameter = Parameter.byKey(key);
                double[] column = new double[ids.length];
                boolean any = false;
                for (int j = 0; j < ids.length; j++) {
                    double v = values[k][(int) ids[j]];
                    any |= !Double.isNaN(v);
                    column[j] = v;
                }
                if (parameter != null) {
                    double preset0 = preset.parameters().get(parameter);
                    for (int j = 0; j < column.length; j++) {
                        if (Double.isNaN(column[j])) {
                            column[j] = preset0;
                        }
                    }
                    if (parameter == Parameter.REST_V) {
                        vr = column.clone();
                    }
                    if (any) {
                        params.put(key, value(column, origin + " " + key));
                    }
                }
            }
            double[] v0 = values[NODE_VALUES.indexOf(SonataCircuitFiles.V_INIT)];
            double[] u0 = values[NODE_VALUES.indexOf(SonataCircuitFiles.U_INIT)];
            Optional<ValueSpec> v = initial(ids, v0, vr, origin + " " + SonataCircuitFiles.V_INIT);
            Optional<ValueSpec> u = initial(ids, u0, new double[ids.length], origin + " " + SonataCircuitFiles.U_INIT);
            return new PopulationSpec(name, model, ids.length, params, new InitialStateSpec(v, u), at,
                    Optional.of(new PopulationSpec.SonataNodes(file, pop, ids)));
        }

        private Optional<ValueSpec> initial(long[] ids, double[] all, double[] dflt, String origin) {
            double[] column = new double[ids.length];
            boolean any = false;
            for (int j = 0; j < ids.length; j++) {
                double v = all[(int) ids[j]];
                any |= !Double.isNaN(v);
                column[j] = Double.isNaN(v) ? dflt[j] : v;
            }
            return any ? Optional.of(value(column, origin)) : Optional.empty();
        }

        private ValueSpec value(double[] column, String origin) {
            for (double x : column) {
                if (Double.doubleToLongBits(x) != Double.doubleToLongBits(column[0])) {
                    return new ValueSpec.Given(column, origin, at);
                }
            }
            return new ValueSpec.Constant(column[0], at);
        }

        /** A node type's values: its {@code dynamics_params} JSON over its table columns. */
        private Map<String, Double> typeLevel(Map<String, String> row, TypesTable types) throws IOException {
            Map<String, Double> out = new HashMap<>();
            for (String name : NODE_VALUES) {
                String cell = row.get(name);
                if (cell != null) {
                    out.put(name, number(cell, types.file() + " column " + name));
                }
            }
            String params = row.get("dynamics_params");
            if (params != null) {
                Path f = componentFile(params, neuronModelsDir, types.file());
                for (Map.Entry<String, Object> e : readJson(f).entrySet()) {
                    if (!NODE_VALUES.contains(e.getKey())) {
                        throw new IOException(f + ": '" + e.getKey() + "' is not a parameter of cortexsim's neuron"
                                + " models; use " + String.join(", ", NODE_VALUES));
                    }
                    if (!(e.getValue() instanceof Double d) || !Double.isFinite(d)) {
                        throw new IOException(f + ": '" + e.getKey() + "' must be a number, got " + e.getValue());
                    }
                    out.put(e.getKey(), d);
                }
            }
            return out;
        }

        /** The numeric per-node columns of a node group, {@code dynamics_params/} ones taking precedence. */
        private static Map<String, double[]> group(SonataReader r, String path) {
            Map<String, double[]> out = new HashMap<>();
            for (String child : r.children(path)) {
                double[] v = r.numbers(path + "/" + child);
                if (v != null) {
                    out.put(child, v);
                }
            }
            for (String child : r.children(path + "/dynamics_params")) {
                double[] v = r.numbers(path + "/dynamics_params/" + child);
                if (v != null) {
                    out.put(child, v);
                }
            }
            return out;
        }

        // ------------------------------------------------------------ edges

        private List<ProjectionSpec> edges(Path file, Path typesFile, List<String> only) throws IOException {
            List<ProjectionSpec> out = new ArrayList<>();
            try (SonataReader r = SonataReader.open(file)) {
                List<String> available = new ArrayList<>(r.children("/edges"));
                java.util.Collections.sort(available);
                List<String> pops = only == null ? available : only;
                for (String pop : pops) {
                    if (!available.contains(pop)) {
                        if (stringList(r, "cortexsim_empty_edge_populations").contains(pop)) {
                            continue;
                        }
                        throw new IOException(file + " has no edge population '" + pop + "' (it has " + available + ")");
                    }
                    TypesTable types = typesFile == null ? null : TypesTable.read(typesFile, "edge_type_id", pop);
                    out.addAll(edgePopulation(r, file, typesFile, types, pop));
                }
            }
            return out;
        }

        private static List<String> stringList(SonataReader r, String attribute) {
            Object v = r.rootAttribute(attribute);
            return v instanceof String[] a ? List.of(a) : v instanceof String s ? List.of(s) : List.of();
        }

        private List<ProjectionSpec> edgePopulation(SonataReader r, Path file, Path typesFile, TypesTable types,
                String pop) throws IOException {
            String base = "/edges/" + pop;
            String source = String.valueOf(r.attributes(base + "/source_node_id").get("node_population"));
            String target = String.valueOf(r.attributes(base + "/target_node_id").get("node_population"));
            List<Part> sourceParts = parts.get(source);
            List<Part> targetParts = parts.get(target);
            if (sourceParts == null || targetParts == null) {
                throw new IOException("edge population '" + pop + "' of " + file + " connects node population '"
                        + (sourceParts == null ? source : target) + "', which the circuit's nodes do not define");
            }
            long[] typeIds = r.longs(base + "/edge_type_id");
            // synapse (model and parameters) of each edge type, in order of first use
            Map<Long, SynapseSpec> synapses = new LinkedHashMap<>();
            for (long t : typeIds) {
                if (!synapses.containsKey(t)) {
                    Map<String, String> row = types == null ? null : types.row(t);
                    if (types != null && row == null) {
                        throw new IOException("edge type " + t + " of '" + pop + "' in " + file + " is not in "
                                + types.file() + " (it lists " + types.ids() + ")");
                    }
                    synapses.put(t, synapse(row, types));
                }
            }
            boolean split = sourceParts.size() > 1 || targetParts.size() > 1;
            long[] src = split ? r.longs(base + "/source_node_id") : null;
            long[] tgt = split ? r.longs(base + "/target_node_id") : null;
            int[] srcPart = split ? partOf(sourceParts, src, base + "/source_node_id in " + file, source) : null;
            int[] tgtPart = split ? partOf(targetParts, tgt, base + "/target_node_id in " + file, target) : null;
            // (source part, target part, synapse key) -> edge type ids and count, in order of first use
            Map<String, long[]> counts = new LinkedHashMap<>();
            Map<String, Set<Long>> typesOf = new HashMap<>();
            Map<String, SynapseSpec> synapseOf = new HashMap<>();
            Map<String, int[]> partsOf = new HashMap<>();
            for (int i = 0; i < typeIds.length; i++) {
                SynapseSpec s = synapses.get(typeIds[i]);
                int sp = split ? srcPart[i] : 0;
                int tp = split ? tgtPart[i] : 0;
                String key = sp + "|" + tp + "|" + s.model() + "|" + s.params();
                counts.computeIfAbsent(key, k -> new long[1])[0]++;
                typesOf.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(typeIds[i]);
                synapseOf.putIfAbsent(key, s);
                partsOf.putIfAbsent(key, new int[] {sp, tp});
            }
            Set<String> pairs = new LinkedHashSet<>();
            for (int[] p : partsOf.values()) {
                pairs.add(p[0] + "|" + p[1]);
            }
            // order: pre population, post population, then the first edge type in the types table's order
            List<Long> typeOrder = types != null ? types.ids() : new ArrayList<>(synapses.keySet());
            List<String> keys = new ArrayList<>(counts.keySet());
            keys.sort(java.util.Comparator.<String>comparingInt(k -> partsOf.get(k)[0])
                    .thenComparingInt(k -> partsOf.get(k)[1])
                    .thenComparingInt(k -> typesOf.get(k).stream().mapToInt(typeOrder::indexOf).min().orElse(0)));
            List<ProjectionSpec> out = new ArrayList<>();
            Map<String, Integer> used = new TreeMap<>();
            for (String key : keys) {
                int[] p = partsOf.get(key);
                Part pre = sourceParts.get(p[0]);
                Part post = targetParts.get(p[1]);
                SynapseSpec s = synapseOf.get(key);
                String name = identifier(pop);
                if (counts.size() > 1) {
                    if (pairs.size() > 1) {
                        name += "_" + pre.name() + "_" + post.name();
                    }
                    if (counts.size() > pairs.size()) {
                        name += "_" + identifier(s.model());
                    }
                }
                int seen = used.merge(name, 1, Integer::sum);
                if (seen > 1) {
                    name += "_" + seen;
                }
                long[] typeList = typesOf.get(key).stream().mapToLong(Long::longValue).toArray();
                // null: the population is the whole node population, local ids are node ids
                RuleSpec rule = new RuleSpec.SonataCircuitEdges(file, typesFile, pop, typeList,
                        sourceParts.size() == 1 ? null : pre.nodeIds(),
                        targetParts.size() == 1 ? null : post.nodeIds(), counts.get(key)[0], at);
                out.add(new ProjectionSpec(name, pre.name(), post.name(), rule, Optional.empty(), Optional.empty(), s,
                        at));
            }
            return out;
        }

        /**
         * For each node id of {@code dataset} (its path and file, for the message), the index of the
         * part of node population {@code population} holding it.
         */
        private static int[] partOf(List<Part> parts, long[] ids, String dataset, String population)
                throws IOException {
            int[] out = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                out[i] = -1;
                for (int k = 0; k < parts.size(); k++) {
                    if (Arrays.binarySearch(parts.get(k).nodeIds(), ids[i]) >= 0) {
                        out[i] = k;
                        break;
                    }
                }
                if (out[i] < 0) {
                    throw new IOException("edge " + i + " of " + dataset + " refers to node " + ids[i] + ", which node"
                            + " population '" + population + "' lacks; fix the edges file or the circuit's nodes entry");
                }
            }
            return out;
        }

        private SynapseSpec synapse(Map<String, String> row, TypesTable types) throws IOException {
            String model = synapseModel(row == null ? null : row.get("model_template"));
            Map<String, Double> params = new LinkedHashMap<>();
            String file = row == null ? null : row.get("dynamics_params");
            if (file != null) {
                Path f = componentFile(file, synapseModelsDir, types.file());
                for (Map.Entry<String, Object> e : readJson(f).entrySet()) {
                    if (!(e.getValue() instanceof Double d) || !Double.isFinite(d)) {
                        throw new IOException(f + ": synapse parameter '" + e.getKey() + "' must be a number, got "
                                + e.getValue());
                    }
                    params.put(e.getKey(), d);
                }
            }
            return new SynapseSpec(model, params, at);
        }

        // ------------------------------------------------------------ helpers

        private Path componentFile(String name, Path componentsDir, Path typesFile) throws IOException {
            Path p = Path.of(name);
            if (p.isAbsolute()) {
                return p;
            }
            if (componentsDir != null && Files.isRegularFile(componentsDir.resolve(name))) {
                return componentsDir.resolve(name);
            }
            Path beside = typesFile.resolveSibling(name);
            if (Files.isRegularFile(beside)) {
                return beside;
            }
            throw new NoSuchFileException(name, null, "dynamics_params of " + typesFile + ", looked in "
                    + (componentsDir == null ? "" : componentsDir + " and ") + typesFile.getParent());
        }

        private Map<String, Object> readJson(Path f) throws IOException {
            Map<String, Object> node = jsonFiles.get(f);
            if (node == null) {
                node = JsonFiles.readObject(f);
                jsonFiles.put(f, node);
            }
            return node;
        }

        private static double number(String cell, String what) throws IOException {
            try {
                double v = Double.parseDouble(cell);
                if (Double.isFinite(v)) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IOException(what + ": '" + cell + "' is not a finite number");
        }

        private static long[] identity(int n) {
            long[] ids = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = i;
            }
            return ids;
        }
    }
}
