package org.cortexsim.network.synapse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Loads the implementations of a service interface listed in {@code META-INF/services} files on the
 * class path, by name: the one loading step of the registries of synapse models ({@link SynapseModels})
 * and plasticity rules. A line that does not give a usable class (misspelled, no public no-argument
 * constructor, a constructor that throws, not an implementation, compiled for a newer Java, needing a
 * class no jar holds) and two different classes with one name are refused with a
 * {@link PluginLoadException} naming the class, where it is listed and the fix; the map it returns is
 * sorted by name and immutable.
 */
public final class NamedServices {
    private NamedServices() {
    }

    /**
     * Every implementation of {@code service} visible to {@code loader}, by {@code name}.
     *
     * @param kind what an implementation is, for the message ("synapse model", "plasticity rule")
     * @throws PluginLoadException when a listed class cannot be loaded or constructed, or when two
     *     different classes have the same name
     */
    public static <T> Map<String, T> load(Class<T> service, ClassLoader loader, Function<T, String> name,
            String kind) {
        Map<String, T> byName = new TreeMap<>();
        Iterator<T> it = ServiceLoader.load(service, loader).iterator();
        while (true) {
            T s;
            try {
                if (!it.hasNext()) {
                    break;
                }
                s = it.next();
            } catch (ServiceConfigurationError e) {
                throw new PluginLoadException(unusable(service, loader, kind, e), e);
            } catch (LinkageError e) {
                throw new PluginLoadException(unlinkable(service, loader, kind, e), e);
            }
            T previous = byName.putIfAbsent(name.apply(s), s);
            if (previous != null && previous.getClass() != s.getClass()) {
                throw new PluginLoadException("two " + kind + "s are named '" + name.apply(s) + "': "
                        + previous.getClass().getName() + " (" + origin(previous.getClass()) + ") and "
                        + s.getClass().getName() + " (" + origin(s.getClass()) + "); names must be unique, so"
                        + " rename yours (its name() is what configs use)");
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** The message for a services line {@link ServiceLoader} could not use: which line, where, and the fix. */
    private static String unusable(Class<?> service, ClassLoader loader, String kind, ServiceConfigurationError e) {
        String detail = String.valueOf(e.getMessage());
        if (detail.startsWith(service.getName() + ": ")) {
            detail = detail.substring(service.getName().length() + 2);
        }
        String fix;
        if (detail.contains("not found")) {
            fix = "the line must be the fully qualified name of a class in that jar: check its spelling and package";
        } else if (detail.contains("no-arg constructor")) {
            fix = "give the class a public constructor without arguments (the engine creates it with that)";
        } else if (detail.contains("not a subtype")) {
            fix = "the class must implement " + service.getName() + ", or its line belongs in another services file";
        } else if (detail.contains("could not be instantiated")) {
            fix = "its constructor threw " + (e.getCause() == null ? "an exception" : e.getCause())
                    + "; a constructor should only set fields";
        } else {
            fix = "each line must name a public class with a public no-argument constructor that implements "
                    + service.getName();
        }
        return "cannot load a " + kind + ": " + detail + listedAt(service, loader, detail) + "; " + fix;
    }

    /**
     * The message for a listed class the JVM could not link: compiled for a newer Java than the one
     * running, or needing a class that no jar on the class path holds.
     */
    private static String unlinkable(Class<?> service, ClassLoader loader, String kind, LinkageError e) {
        String detail = String.valueOf(e.getMessage());
        String fix;
        if (e instanceof UnsupportedClassVersionError) {
            fix = "it was compiled for a newer Java than this one (" + Runtime.version().feature()
                    + "): build it with <maven.compiler.release>17</maven.compiler.release> (or javac --release 17),"
                    + " or run cortexsim on a JDK at least as new as the one it was built for (JAVA_HOME)";
        } else if (e instanceof NoClassDefFoundError) {
            fix = "a class it needs (" + detail.replace('/', '.') + ") is in no jar on the class path: add the jar"
                    + " that holds it to CORTEXSIM_CLASSPATH (entries separated by ':'), or bundle it into the"
                    + " plugin's jar";
        } else {
            fix = "the class file is not usable by this JVM (" + e.getClass().getSimpleName() + "): rebuild the"
                    + " jar";
        }
        return "cannot load a " + kind + ": " + detail + listedAt(service, loader, detail.replace('/', '.')) + "; "
                + fix;
    }

    /**
     * " (line 'L' of META-INF/services/S in JAR)" for the longest services line that {@code detail}
     * names, or "" when none does (the JDK's own message then still names the class).
     */
    private static String listedAt(Class<?> service, ClassLoader loader, String detail) {
        String file = "META-INF/services/" + service.getName();
        String line = null;
        String listedIn = null;
        try {
            for (URL url : Collections.list(loader.getResources(file))) {
                for (String entry : lines(url)) {
                    if (detail.contains(entry) && (line == null || entry.length() > line.length())) {
                        line = entry;
                        listedIn = where(url, file);
                    }
                }
            }
        } catch (IOException unreadable) {
            return "";
        }
        return line == null ? "" : " (line '" + line + "' of " + file + " in " + listedIn + ")";
    }

    /** The class names a services file lists: its lines without comments and blanks. */
    private static List<String> lines(URL url) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = in.readLine()) != null;) {
                int hash = l.indexOf('#');
                String n = (hash >= 0 ? l.substring(0, hash) : l).strip();
                if (!n.isEmpty()) {
                    names.add(n);
                }
            }
        }
        return names;
    }

    /** The jar or folder a services file is in, as a path where possible. */
    private static String where(URL url, String file) {
        String s = url.toString();
        if (s.startsWith("jar:file:") && s.endsWith("!/" + file)) {
            return s.substring("jar:file:".length(), s.length() - file.length() - 2);
        }
        if (s.startsWith("file:") && s.endsWith("/" + file)) {
            return s.substring("file:".length(), s.length() - file.length() - 1);
        }
        return s;
    }

    /** The jar or folder a class was loaded from. */
    private static String origin(Class<?> c) {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return "built in";
        }
        String s = source.getLocation().toString();
        return s.startsWith("file:") ? s.substring("file:".length()) : s;
    }
}
