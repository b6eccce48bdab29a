package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.cortexsim.results.SonataReader;

/**
 * Config fuzzing through the real command line: malformed and mutated configs (wrong types,
 * missing and unknown keys, extreme numbers, references to absent populations, broken YAML,
 * truncated files, binary garbage, mutations of every example) must each end in a one-line
 * user-facing error (exit 2, naming the config file, nothing written) or, for a mutant that
 * happens to be valid, in a normal run with a readable output. Never a stack trace, an internal
 * error, or a stray file.
 */
class ConfigFuzzTest {
    private static final int TRIES = 10_000;
    /** Every invalid config is validated; every this many is also run, to check both agree (time). */
    private static final int RUN_EVERY_INVALID = 4;
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Pattern VALUE = Pattern.compile("(:[ \\t]*)([^,\\[\\]{}\\n#:]+)");
    private static final Pattern KEY = Pattern.compile("([A-Za-z_]+):");
    private static final Pattern NAME_REF = Pattern.compile("\\b(exc|inh|fs|rs|p)\\b");
    private static final Pattern STEPS = Pattern.compile("steps\\s+([\\d,]+) \\(dt (\\S+) ms");
    private static final Pattern NEURONS = Pattern.compile("neurons\\s+([\\d,]+)");

    private static final String SMALL = """
            simulation: {dt_ms: 0.5, duration_ms: 20, seed: 3}
            populations:
              - {name: p, model: RS, size: 20, initial: {v: {type: normal, mean: -65, sd: 2}}}
              - {name: fs, model: FS, size: 5, params: {a: 0.1, d: {type: uniform, low: 0, high: 1}}}
            projections:
              - {name: pp, pre: p, post: p, rule: {type: fixed_indegree, k: 3}, weight: 2, delay_ms: 1, synapse: {model: delta}}
              - {name: pf, pre: p, post: fs, rule: {type: one_to_one}, weight: 1, synapse: {model: exp_current, tau_ms: 2}}
              - {name: fp, pre: fs, post: p, rule: {type: all_to_all}, weight: -1}
            inputs:
              - {type: dc, population: p, amplitude_pA: 60, start_ms: 1, stop_ms: 15}
              - {type: noise, population: fs, mean_pA: 10, sigma_pA: 5}
              - {type: poisson, population: p, rate_Hz: 100, weight: 3}
            record:
              spikes: true
              state: [{name: pv, population: p, variables: [v, u], neurons: [0, 3], every_steps: 2}]
            output: {path: small.h5, edges: true}
            """;

    private static final List<String> VALUES = List.of("-1", "0", "-0.0", "0.5", "3", ".nan", "NaN", ".inf", "-.inf",
            "1e308", "-1e308", "1e-300", "2147483647", "2147483648", "9223372036854775808", "99999999999999999999",
            "1e9", "abc", "''", "\"\"", "[]", "{}", "[1, 2]", "{a: 1}", "null", "~", "true", "no", "0x10", "ghost",
            "RS", "FS", "uniform", "2020-01-01", "'1'", "!!binary AAAA", "&anchor 1", "*anchor", "\"\\u0000\"",
            "'../../etc/passwd'", "/dev/null", "\"a\\tb\"", "💥", "{type: normal, mean: 1, sd: -1}",
            "{type: uniform, low: 2, high: 1}", "{type: file, path: nope.csv, column: x}", "[0, -1, 99999]");
    private static final List<String> KEYS = List.of("simulation", "populations", "projections", "inputs", "record",
            "output", "dt_ms", "duration_ms", "seed", "threads", "name", "model", "size", "params", "initial", "pre",
            "post", "rule", "type", "p", "k", "weight", "delay_ms", "synapse", "population", "amplitude_pA",
            "start_ms", "stop_ms", "spikes", "state", "variables", "neurons", "every_steps", "path", "overwrite",
            "edges", "frobnicate", "Simulation", "dt", "sizes", "mean_pA", "sigma_pA", "rate_Hz", "tau_ms", "v", "u");
    private static final List<String> JUNK = List.of(":", "[", "]", "{", "}", "- ", "\t", "\n", "---\n", "...\n",
            "&a ", "*b", "!!str ", "!!map ", "%YAML 1.2\n", "? ", "|\n", ">\n", "#", "'", "\"", ",", "@", "`", "\\",
            "<<: *x\n", "\u00a0", "\r", "\u2028", "\uFEFF");

    private static List<String> bases;
    private static Path root;
    private static final AtomicInteger tries = new AtomicInteger();
    private static final AtomicInteger valid = new AtomicInteger();
    private static final AtomicInteger ran = new AtomicInteger();

    @BeforeContainer
    static void setUp() throws IOException {
        List<String> texts = new ArrayList<>();
        texts.add(SMALL);
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                texts.add(Files.readString(f));
            }
        }
        bases = List.copyOf(texts);
        root = Files.createTempDirectory("cortexsim-fuzz");
    }

    @AfterContainer
    static void tearDown() throws IOException {
        delete(root);
        System.out.printf(Locale.ROOT, "config fuzzing: %d tries, %d valid mutants, %d of them run%n", tries.get(),
                valid.get(), ran.get());
        // the property holds vacuously for a generator that only makes invalid configs (the run path is never
        // taken) or only valid ones (no error message is checked): both kinds must have come up, and valid ones run
        assertTrue(tries.get() > valid.get(), "no invalid config was generated in " + tries.get() + " tries");
        assertTrue(valid.get() > 0 && ran.get() > 0, "no valid mutant was generated and run in " + tries.get()
                + " tries (" + valid.get() + " valid, " + ran.get() + " run)");
    }

    /** A config file to write: its bytes and its extension (.yaml, .yml or .json). */
    record Input(byte[] bytes, String extension, String description) {
    }

    @Property(tries = TRIES)
    void everyBadConfigIsAUserFacingErrorAndWritesNothing(@ForAll("configs") Input input) throws Exception {
        int thisTry = tries.incrementAndGet();
        Path dir = Files.createTempDirectory(root, "try");
        try {
            Path config = dir.resolve("fuzzed" + input.extension());
            Files.write(config, input.bytes());
            Path outDir = Files.createDirectory(dir.resolve("out"));
            Path out = outDir.resolve("result.h5");
            String what = input.description();

            String setOutput = "output.path='" + out.toString().replace("'", "''") + "'";
            CliTest.Outcome v = CliTest.run("validate", config.toString(), "--set", setOutput);
            clean(v, what);
            if (v.code() == ExitCodes.USAGE) {
                assertTrue(v.err().contains(config.getFileName().toString()), what + ": names the file: " + v.err());
                if (thisTry % RUN_EVERY_INVALID != 0) {
                    assertEmpty(outDir, what);
                    return;
                }
                CliTest.Outcome r = CliTest.run("run", config.toString(), "-o", out.toString(), "--quiet");
                clean(r, what);
                assertEquals(ExitCodes.USAGE, r.code(), what + ": run agrees with validate: " + r.err());
                assertTrue(r.err().contains(config.getFileName().toString()), what + ": names the file: " + r.err());
                assertEmpty(outDir, what);
                return;
            }
            assertEquals(ExitCodes.OK, v.code(), what + ": validate exits 0 or 2: " + v.err());
            valid.incrementAndGet();
            Matcher steps = STEPS.matcher(v.out());
            Matcher neurons = NEURONS.matcher(v.out());
            assertTrue(steps.find() && neurons.find(), what + ": validate prints an estimate: " + v.out());
            double dt = Double.parseDouble(steps.group(2));
            long n = Long.parseLong(neurons.group(1).replace(",", ""));
            if (n > 200_000) {
                return;
            }
            ran.incrementAndGet();
            CliTest.Outcome r = CliTest.run("run", config.toString(), "-o", out.toString(), "--quiet",
                    "--duration", Double.toString(20 * dt));
            clean(r, what);
            if (r.code() == ExitCodes.USAGE) {
                assertTrue(r.err().contains("cortexsim: "), what + ": " + r.err());
                assertEmpty(outDir, what);
                return;
            }
            assertTrue(Files.isRegularFile(out), what + ": exit " + r.code() + " leaves a result: " + r.err());
            try (SonataReader reader = SonataReader.open(out)) {
                String status = (String) reader.rootAttribute("status");
                if (r.code() == ExitCodes.OK) {
                    assertEquals("completed", status, what);
                } else {
                    assertEquals(ExitCodes.FAILURE, r.code(), what + ": " + r.err());
                    assertTrue(r.err().contains("run stopped early"), what + ": " + r.err());
                    assertFalse(status.equals("completed"), what);
                }
            }
        } finally {
            delete(dir);
        }
    }

    private static void clean(CliTest.Outcome o, String what) {
        String all = o.out() + o.err();
        assertFalse(all.contains("\tat "), what + ": stack trace:\n" + all);
        assertFalse(all.contains("internal error"), what + ": internal error:\n" + all);
        assertFalse(all.matches("(?s).*\\b(java|com|org)\\.[\\w.]+(Exception|Error)\\b.*"),
                what + ": exception class leaks into the message:\n" + all);
        assertTrue(o.code() == 0 || o.code() == 1 || o.code() == 2, what + ": exit code " + o.code());
    }

    private static void assertEmpty(Path dir, String what) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> left = s.toList();
            if (!left.isEmpty()) {
                fail(what + ": a failed run left files behind: " + left);
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Input> configs() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, mutated()),
                net.jqwik.api.Tuple.of(2, truncated()),
                net.jqwik.api.Tuple.of(1, garbage()),
                net.jqwik.api.Tuple.of(3, generated()));
    }

    private Arbitrary<String> base() {
        return Arbitraries.integers().between(0, bases.size() - 1).map(i -> bases.get(i));
    }

    private static Arbitrary<String> extension() {
        return Arbitraries.of(".yaml", ".yaml", ".yaml", ".yml", ".json");
    }

    /** One to four text mutations of an example. */
    private Arbitrary<Input> mutated() {
        Arbitrary<List<Mutation>> mutations = mutation().list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(base(), mutations, extension()).as((text, ms, ext) -> {
            String t = text;
            StringBuilder d = new StringBuilder("mutated");
            for (Mutation m : ms) {
                t = m.apply(t);
                d.append(' ').append(m.name());
            }
            return new Input(t.getBytes(StandardCharsets.UTF_8), ext, d + " ->\n" + t);
        });
    }

    private Arbitrary<Input> truncated() {
        return Combinators.combine(base(), Arbitraries.doubles().between(0, 1), extension()).as((text, f, ext) -> {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            byte[] cut = java.util.Arrays.copyOf(b, (int) (b.length * f));
            return new Input(cut, ext, "truncated at " + cut.length + " of " + b.length + " bytes");
        });
    }

    private static Arbitrary<Input> garbage() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        return Combinators.combine(bytes, extension()).as((b, ext) -> new Input(b, ext, "binary garbage"
                + java.util.HexFormat.of().formatHex(b)));
    }

    /** Random trees of known (and a few unknown) keys with values of every type. */
    private static Arbitrary<Input> generated() {
        return Combinators.combine(tree(3), extension()).as((t, ext) -> new Input(t.getBytes(StandardCharsets.UTF_8),
                ext, "generated ->\n" + t));
    }

    private static Arbitrary<String> tree(int depth) {
        Arbitrary<String> leaf = Arbitraries.of(VALUES);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> entry = Combinators.combine(Arbitraries.of(KEYS), Arbitraries.lazy(() -> tree(depth - 1)))
                .as((k, v) -> k + ": " + v);
        Arbitrary<String> map = entry.list().ofMaxSize(5).map(es -> "{" + String.join(", ", es) + "}");
        Arbitrary<String> list = Arbitraries.lazy(() -> tree(depth - 1)).list().ofMaxSize(3)
                .map(es -> "[" + String.join(", ", es) + "]");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, leaf), net.jqwik.api.Tuple.of(3, map),
                net.jqwik.api.Tuple.of(1, list));
    }

    /** A text mutation: a name for messages and a function of the text. */
    interface Mutation {
        String name();

        String apply(String text);
    }

    private static Mutation mutation(String name, java.util.function.UnaryOperator<String> f) {
        return new Mutation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String apply(String text) {
                return f.apply(text);
            }
        };
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1_000_000);
        return Arbitraries.oneOf(
                Combinators.combine(pick, Arbitraries.of(VALUES)).as((i, v) ->
                        mutation("value->" + v, t -> replaceNth(t, VALUE, i, m -> m.group(1) + v))),
                Combinators.combine(pick, Arbitraries.of(KEYS)).as((i, k) ->
                        mutation("key->" + k, t -> replaceNth(t, KEY, i, m -> k + ":"))),
                pick.map(i -> mutation("drop-key", t -> replaceNth(t, KEY, i, m -> ""))),
                pick.map(i -> mutation("ghost-population", t -> replaceNth(t, NAME_REF, i, m -> "ghost"))),
                pick.map(i -> mutation("drop-line", t -> lines(t, i, (ls, k) -> ls.remove(k)))),
                pick.map(i -> mutation("duplicate-line", t -> lines(t, i, (ls, k) -> ls.add(k, ls.get(k))))),
                pick.map(i -> mutation("dedent-line", t -> lines(t, i, (ls, k) -> ls.set(k, ls.get(k).strip())))),
                Combinators.combine(pick, Arbitraries.of(JUNK)).as((i, j) ->
                        mutation("insert " + j.replace("\n", "\\n"), t -> t.isEmpty() ? j
                                : t.substring(0, i % t.length()) + j + t.substring(i % t.length()))),
                pick.map(i -> mutation("delete-char", t -> t.isEmpty() ? t
                        : t.substring(0, i % t.length()) + t.substring(i % t.length() + 1))));
    }

    private static String replaceNth(String text, Pattern p, int pick, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(text);
        List<int[]> spans = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
            replacements.add(f.apply(m));
        }
        if (spans.isEmpty()) {
            return text;
        }
        int k = pick % spans.size();
        return text.substring(0, spans.get(k)[0]) + replacements.get(k) + text.substring(spans.get(k)[1]);
    }

    private static String lines(String text, int pick, java.util.function.BiConsumer<List<String>, Integer> edit) {
        List<String> ls = new ArrayList<>(List.of(text.split("\n", -1)));
        edit.accept(ls, pick % ls.size());
        return String.join("\n", ls);
    }
}
