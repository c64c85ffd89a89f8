package io.genieenhancer.sandbox.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV with a header line: comma separated, fields optionally in double quotes (a doubled quote
 * inside is a quote). An empty unquoted field is NULL; {@code ""} is the empty string.
 */
public final class Csv {

    private Csv() {
    }

    public static Scenario.CsvTable parse(String file, String identifier, String text) {
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<String> current = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int recordLine = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (field.length() > 0) {
                    throw new ScenarioException(file, "line " + line + ": a quote may only open a field");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                current.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                current.add(value(field, wasQuoted));
                field.setLength(0);
                wasQuoted = false;
                if (!(current.size() == 1 && current.get(0) == null)) { // skip blank lines
                    records.add(current);
                    lines.add(recordLine);
                }
                current = new ArrayList<>();
                line++;
                recordLine = line;
            } else {
                field.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new ScenarioException(file, "line " + recordLine + ": unterminated quoted field");
        }
        if (field.length() > 0 || wasQuoted || !current.isEmpty()) {
            current.add(value(field, wasQuoted));
            records.add(current);
            lines.add(recordLine);
        }
        if (records.isEmpty()) {
            throw new ScenarioException(file, "empty; the first line must name the columns");
        }
        List<String> header = new ArrayList<>();
        for (String h : records.get(0)) {
            if (h == null || h.isBlank()) {
                throw new ScenarioException(file, "line 1: empty column name in the header");
            }
            header.add(h.trim().toLowerCase(java.util.Locale.ROOT));
        }
        List<List<String>> rows = records.subList(1, records.size());
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).size() != header.size()) {
                throw new ScenarioException(file, "line " + lines.get(r + 1) + ": " + rows.get(r).size() + " fields, the header has " + header.size());
            }
        }
        return new Scenario.CsvTable(file, identifier, header, rows, lines.subList(1, lines.size()));
    }

    private static String value(StringBuilder field, boolean wasQuoted) {
        if (!wasQuoted && field.length() == 0) {
            return null;
        }
        return field.toString();
    }
}
