package org.cortexsim.run.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SONATA node or edge types table: CSV with columns separated by one or more spaces, fields
 * with spaces quoted with {@code "} (a quote inside doubled), a header naming the columns, and
 * one row per type keyed by {@code node_type_id} or {@code edge_type_id}. {@code NULL}, {@code
 * NONE} and empty fields are missing values (bmtk writes {@code NULL}; its reader also treats
 * {@code NONE} as missing). Immutable.
 */
final class TypesTable {
    private final Path file;
    private final List<String> columns;
    private final Map<Long, Map<String, String>> rows;

    private TypesTable(Path file, List<String> columns, Map<Long, Map<String, String>> rows) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Reads {@code file}, keeping the rows whose {@code population} column (if the table has one)
     * is missing or equals {@code population}.
     *
     * @param idColumn {@code node_type_id} or {@code edge_type_id}
     * @throws IOException if the file cannot be read or is malformed (the message names the line)
     */
    static TypesTable read(Path file, String idColumn, String population) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        if (first == lines.size()) {
            throw new IOException(file + " is empty; a types table needs a header naming " + idColumn);
        }
        List<String> header = split(lines.get(first).replace("\uFEFF", ""), file, first + 1);
        int id = header.indexOf(idColumn);
        if (id < 0) {
            throw new IOException(file + ": the header has no column '" + idColumn + "': " + header);
        }
        int pop = header.indexOf("population");
        Map<Long, Map<String, String>> rows = new LinkedHashMap<>();
        for (int n = first + 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            List<String> cells = split(lines.get(n), file, n + 1);
            if (cells.size() != header.size()) {
                throw new IOException(file + ":" + (n + 1) + ": " + cells.size() + " fields, but the header names "
                        + header.size() + " columns");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String v = cells.get(c);
                if (!missing(v)) {
                    row.put(header.get(c), v);
                }
            }
            if (pop >= 0 && row.containsKey("population") && !row.get("population").equals(population)) {
                continue;
            }
            long key;
            try {
                key = Long.parseLong(cells.get(id));
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + (n + 1) + ": " + idColumn + " '" + cells.get(id)
                        + "' is not an integer");
            }
            if (rows.put(key, Collections.unmodifiableMap(row)) != null) {
                throw new IOException(file + ":" + (n + 1) + ": " + idColumn + " " + key + " appears twice");
            }
        }
        return new TypesTable(file, List.copyOf(header), rows);
    }

    private static boolean missing(String v) {
        String u = v.toUpperCase(Locale.ROOT);
        return v.isEmpty() || u.equals("NULL") || u.equals("NONE") || u.equals("NAN");
    }

    /** Splits one line at runs of spaces, honouring {@code "} quotes. */
    static List<String> split(String line, Path file, int lineNumber) throws IOException {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t' || line.charAt(i) == '\r')) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            StringBuilder cell = new StringBuilder();
            if (line.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IOException(file + ":" + lineNumber + ": unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < n && line.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
            } else {
                while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t' && line.charAt(i) != '\r') {
                    cell.append(line.charAt(i++));
                }
            }
            out.add(cell.toString());
        }
    }

    /** The table's file. */
    Path file() {
        return file;
    }

    /** The column names, in file order. */
    List<String> columns() {
        return columns;
    }

    /** The row of type {@code id} (column name to value, missing values absent), or null. */
    Map<String, String> row(long id) {
        return rows.get(id);
    }

    /** The type ids, in file order. */
    List<Long> ids() {
        return List.copyOf(rows.keySet());
    }
}
