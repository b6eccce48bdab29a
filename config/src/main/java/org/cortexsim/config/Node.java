package org.cortexsim.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The location-aware document tree between the text parser and the mapping onto records: mappings
 * (keeping key order), lists and scalars, each carrying the {@link Mark} (source, line, column)
 * where it starts, so that every error can name its place.
 *
 * <p>Built by {@link TreeReader} (which rejects duplicate keys), edited only by {@link Overrides}
 * and read by {@link ConfigMapper}. It is public, read-only outside this package, so that other
 * files written in YAML (sweep files) are read with the same positions and syntax checks: see
 * {@link TreeReader#parse}.
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

    /** Where this node starts in its source. */
    Mark mark();

    /** A short description for error messages, e.g. {@code a list} or {@code string 'abc'}. */
    String describe();

    /**
     * A position in a source: 1-based line and column, or both 0 when the source is an override
     * (whose text is quoted in full instead).
     */
    record Mark(String source, int line, int column) {

        /** This position as a {@link Location} of the value at {@code keyPath}. */
        public Location at(String keyPath) {
            return new Location(source, line, column, keyPath);
        }
    }

    /** A mapping; keys are unique and keep their source order. */
    final class MapNode implements Node {

        /** One key with the position of the key itself and its value. */
        public record Entry(String key, Mark keyMark, Node value) { }

        private final Mark mark;
        private final Map<String, Entry> entries = new LinkedHashMap<>();

        MapNode(Mark mark) {
            this.mark = mark;
        }

        @Override
        public Mark mark() {
            return mark;
        }

        /** The entry of {@code key}, or {@code null} if the mapping has no such key. */
        public Entry get(String key) {
            return entries.get(key);
        }

        /** Adds or replaces the value of {@code key}. */
        void put(String key, Mark keyMark, Node value) {
            entries.put(key, new Entry(key, keyMark, value));
        }

        /** The entries in source order (read-only). */
        public Collection<Entry> entries() {
            return Collections.unmodifiableCollection(entries.values());
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** A sequence. */
    final class ListNode implements Node {

        private final Mark mark;
        private final List<Node> items = new ArrayList<>();

        ListNode(Mark mark) {
            this.mark = mark;
        }

        @Override
        public Mark mark() {
            return mark;
        }

        /** The items, for the parser and {@link Overrides}, which edit them. */
        List<Node> items() {
            return items;
        }

        /** The items in source order (read-only). */
        public List<Node> elements() {
            return Collections.unmodifiableList(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** The type a scalar was given by the parser. */
    enum Kind { NULL, BOOLEAN, INTEGER, FLOAT, STRING }

    /**
     * A scalar. {@code value} is {@code null} for {@link Kind#NULL}, a {@link Boolean}, a
     * {@link BigInteger}, a {@link Double} (possibly NaN or infinite, rejected during mapping) or a
     * {@link String}, matching {@code kind}; {@code text} is the source spelling.
     */
    record Scalar(Kind kind, String text, Object value, Mark mark) implements Node {

        public boolean isNull() {
            return kind == Kind.NULL;
        }

        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "null";
                case BOOLEAN -> "boolean " + text;
                case INTEGER, FLOAT -> "number " + text;
                case STRING -> "string '" + text + "'";
            };
        }
    }
}
