package io.genieenhancer.evaluation;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A query result as the Statement Execution API returns it with {@code JSON_ARRAY}: every value is a
 * string or null. {@code columnTypes} holds the manifest's {@code type_name}s when known (empty
 * otherwise). {@code truncated} means the rows are a prefix of the real result (row cap or byte limit).
 */
@RegisterForReflection
public record ResultSet(List<String> columns, List<String> columnTypes, List<List<String>> rows, boolean truncated) {

    public ResultSet {
        columns = List.copyOf(columns);
        columnTypes = columnTypes == null ? List.of() : List.copyOf(columnTypes);
        if (!columnTypes.isEmpty() && columnTypes.size() != columns.size()) {
            throw new IllegalArgumentException("columnTypes has " + columnTypes.size() + " entries for "
                    + columns.size() + " columns");
        }
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + i + " has " + row.size() + " values for "
                        + columns.size() + " columns");
            }
            // values are nullable (SQL NULL), so List.copyOf cannot be used
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    public static ResultSet of(List<String> columns, List<List<String>> rows) {
        return new ResultSet(columns, List.of(), rows, false);
    }

    /** Test and fixture helper: {@code row("a", null, "3")}. */
    public static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    public int rowCount() {
        return rows.size();
    }

    public int columnCount() {
        return columns.size();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The first {@code maxRows} rows; marked truncated when rows were dropped. */
    public ResultSet capped(int maxRows) {
        if (rows.size() <= maxRows) {
            return this;
        }
        return new ResultSet(columns, columnTypes, rows.subList(0, maxRows), true);
    }
}
