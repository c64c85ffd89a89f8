package io.genieenhancer.sandbox.sql;

import java.util.List;

/**
 * Rows of a query as the Statement Execution API ships them (JSON_ARRAY format): every value a string,
 * SQL NULL as Java null. Column types use Databricks' {@code type_name} vocabulary.
 */
public record QueryResult(List<Column> columns, List<List<String>> rows, boolean truncated) {

    public QueryResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    /** {@code typeName} is Databricks' ColumnInfoTypeName (INT, LONG, DECIMAL, DOUBLE, STRING, DATE, ...). */
    public record Column(String name, String typeName, String typeText, int position) {
        public boolean numeric() {
            return switch (typeName) {
                case "BYTE", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE", "DECIMAL" -> true;
                default -> false;
            };
        }
    }
}
