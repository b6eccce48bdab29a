package org.cortexsim.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

/**
 * Turns YAML or JSON text into a {@link Node} tree using Jackson's streaming parsers.
 *
 * <p>Owns the syntax-level checks: malformed text, duplicate keys, YAML aliases (unsupported),
 * more than one document, and the conversion of every parser exception into a
 * {@link ConfigError} with line and column. No Jackson or SnakeYAML exception escapes.
 *
 * <p>{@link #parse} is the public entry point, for other files written in YAML (sweep files):
 * they get the same tree, positions and messages as configs without depending on Jackson.
 */
public final class TreeReader {

    private static final YAMLFactory YAML = YAMLFactory.builder().build();
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final String source;
    private final boolean positional;
    private final String document;
    private final List<ConfigError> errors;

    /**
     * @param source name used in marks and errors
     * @param positional false for override values, whose marks carry no line/column
     * @param errors sink for the problems found
     */
    TreeReader(String source, boolean positional, List<ConfigError> errors) {
        this(source, positional, "a config", errors);
    }

    private TreeReader(String source, boolean positional, String document, List<ConfigError> errors) {
        this.source = source;
        this.positional = positional;
        this.document = document;
        this.errors = errors;
    }

    /**
     * Parses the YAML (or, with {@code json}, JSON) document {@code text} of the file {@code
     * source}, with line and column in every mark.
     *
     * @param document what the text is, for messages, e.g. {@code "a sweep file"}
     * @param errors receives the syntax problems found, each with its position
     * @return the root node; {@code null} when the text is empty (left to the caller to report in
     *     context) or broken (then {@code errors} says why)
     */
    public static Node parse(String source, String text, boolean json, String document,
            List<ConfigError> errors) {
        return new TreeReader(source, true, document, errors).read(text, json);
    }

    /**
     * Parses {@code text}; returns the root node, or {@code null} when the text is empty or broken
     * (broken text adds errors; emptiness is left to the caller to report in context).
     */
    Node read(String text, boolean json) {
        int before = errors.size();
        try (JsonParser p = json ? JSON.createParser(text) : YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return null;
            }
            Node root = value(p, t, "");
            if (p.nextToken() != null) {
                error(mark(p), "", json
                        ? "unexpected content after the end of the JSON document; remove it"
                        : "more than one YAML document ('---'); " + document + " must be a single document");
            }
            return errors.size() == before ? root : null;
        } catch (JsonProcessingException e) {
            syntaxError(e);
        } catch (IOException | RuntimeException e) {
            error(new Node.Mark(source, 0, 0), "", "could not parse: " + firstLine(e.getMessage()));
        }
        return null;
    }

    private Node value(JsonParser p, JsonToken t, String path) throws IOException {
        Node.Mark m = mark(p);
        switch (t) {
            case START_OBJECT: {
                Node.MapNode map = new Node.MapNode(m);
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String key = p.currentName();
                    Node.Mark km = mark(p);
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    Node child = value(p, p.nextToken(), childPath);
                    Node.MapNode.Entry first = map.get(key);
                    if (first != null) {
                        error(km, childPath, "duplicate key '" + key + "' (first given at "
                                + where(first.keyMark()) + "); keep only one");
                    } else {
                        map.put(key, km, child);
                    }
                }
                return map;
            }
            case START_ARRAY: {
                Node.ListNode list = new Node.ListNode(m);
                for (JsonToken i = p.nextToken(); i != JsonToken.END_ARRAY; i = p.nextToken()) {
                    list.items().add(value(p, i, path + "[" + list.items().size() + "]"));
                }
                return list;
            }
            case VALUE_NULL:
                return new Node.Scalar(Node.Kind.NULL, p.getText(), null, m);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Node.Scalar(Node.Kind.BOOLEAN, p.getText(), t == JsonToken.VALUE_TRUE, m);
            case VALUE_NUMBER_INT:
                return integer(p.getText(), m);
            case VALUE_NUMBER_FLOAT:
                return floating(p.getText(), m);
            case VALUE_STRING:
                if (p instanceof YAMLParser yp && yp.isCurrentAlias()) {
                    error(m, path, "YAML aliases (*" + p.getText()
                            + ") are not supported; write the value out in full");
                }
                return new Node.Scalar(Node.Kind.STRING, p.getText(), p.getText(), m);
            default:
                error(m, path, "unsupported YAML construct (" + t + ")");
                return new Node.Scalar(Node.Kind.NULL, "", null, m);
        }
    }

    private static Node.Scalar integer(String text, Node.Mark m) {
        String s = text.replace("_", "");
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        int radix = 10;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("0x")) {
            radix = 16;
            s = s.substring(2);
        } else if (lower.startsWith("0o")) {
            radix = 8;
            s = s.substring(2);
        } else if (lower.startsWith("0b")) {
            radix = 2;
            s = s.substring(2);
        }
        try {
            BigInteger v = new BigInteger(s, radix);
            return new Node.Scalar(Node.Kind.INTEGER, text, negative ? v.negate() : v, m);
        } catch (NumberFormatException e) {
            return new Node.Scalar(Node.Kind.STRING, text, text, m);
        }
    }

    private static Node.Scalar floating(String text, Node.Mark m) {
        String s = text.replace("_", "");
        String lower = s.toLowerCase(Locale.ROOT);
        double v;
        if (lower.endsWith(".nan")) {
            v = Double.NaN;
        } else if (lower.endsWith(".inf")) {
            v = lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        } else {
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return new Node.Scalar(Node.Kind.STRING, text, text, m);
            }
        }
        return new Node.Scalar(Node.Kind.FLOAT, text, v, m);
    }

    private void syntaxError(JsonProcessingException e) {
        String problem = firstLine(e.getOriginalMessage());
        int line = 0;
        int column = 0;
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y) {
            if (y.getProblem() != null) {
                problem = y.getProblem();
            }
            if (y.getContext() != null && y.getContextMark() != null) {
                problem += " (" + y.getContext() + " at line " + (y.getContextMark().getLine() + 1)
                        + ", column " + (y.getContextMark().getColumn() + 1) + ")";
            }
            if (y.getProblemMark() != null) {
                line = y.getProblemMark().getLine() + 1;
                column = y.getProblemMark().getColumn() + 1;
            }
        } else if (e.getLocation() != null && e.getLocation() != JsonLocation.NA) {
            line = Math.max(0, e.getLocation().getLineNr());
            column = Math.max(0, e.getLocation().getColumnNr());
        }
        if (line <= 0 || column <= 0) {
            line = 0;
            column = 0;
        }
        error(positional ? new Node.Mark(source, line, column) : new Node.Mark(source, 0, 0), "",
                "syntax error: " + problem
                        + "; check indentation (spaces, not tabs), quoting and brackets around this point");
    }

    private Node.Mark mark(JsonParser p) {
        if (!positional) {
            return new Node.Mark(source, 0, 0);
        }
        JsonLocation l = p.currentTokenLocation();
        int line = l.getLineNr();
        int column = l.getColumnNr();
        return line > 0 && column > 0 ? new Node.Mark(source, line, column) : new Node.Mark(source, 0, 0);
    }

    private void error(Node.Mark m, String path, String message) {
        errors.add(new ConfigError(m.at(path), message));
    }

    static String where(Node.Mark m) {
        return m.line() > 0 ? "line " + m.line() + ", column " + m.column() : m.source();
    }

    static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
