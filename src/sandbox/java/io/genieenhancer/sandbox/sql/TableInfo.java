package io.genieenhancer.sandbox.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A table of the sandbox warehouse as Unity Catalog would describe it: 3-level name and typed columns. */
public record TableInfo(String identifier, List<ColumnInfo> columns) {

    public TableInfo {
        columns = List.copyOf(columns);
    }

    /** The last part of the identifier, lower case (the default alias the sandbox Genie uses). */
    public String name() {
        return identifier.substring(identifier.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }

    public Optional<ColumnInfo> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public enum Kind { NUMBER, TEXT, DATE, BOOLEAN, OTHER }

    public record ColumnInfo(String name, String typeName, Kind kind) {
    }
}
