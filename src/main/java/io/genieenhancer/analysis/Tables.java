package io.genieenhancer.analysis;

import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.ColumnConfig;
import io.genieenhancer.space.SpaceConfig.Table;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The space's tables as SQL names them: a written name ({@code o}'s table {@code main.retail.orders}, or just
 * {@code orders}) resolves to the space's identifier; every table has one canonical qualifier for printing
 * (its last name part when no other table shares it, else the full identifier); and the columns known per table,
 * from the column configs plus those the batch's SQL shows (the space lists only configured columns).
 */
final class Tables {

    private final Map<String, Table> byIdentifier = new LinkedHashMap<>();
    private final Map<String, String> byLastPart = new HashMap<>();
    private final Set<String> ambiguousLastParts = new HashSet<>();
    private final Map<String, Set<String>> columns = new HashMap<>();

    Tables(SpaceConfig space) {
        space.allTables().forEach(t -> {
            String id = SqlFacts.ident(t.identifier());
            byIdentifier.putIfAbsent(id, t);
            String last = lastPart(id);
            if (byLastPart.putIfAbsent(last, id) != null && !byLastPart.get(last).equals(id)) {
                ambiguousLastParts.add(last);
            }
            Set<String> cols = columns.computeIfAbsent(id, k -> new HashSet<>());
            for (ColumnConfig c : t.columnConfigs()) {
                cols.add(SqlFacts.ident(c.columnName()));
            }
        });
        ambiguousLastParts.forEach(byLastPart::remove);
    }

    /** The space's table a written name means (lower case identifier), else the name itself. */
    String resolve(String written) {
        String w = SqlFacts.ident(written);
        if (byIdentifier.containsKey(w)) {
            return w;
        }
        String id = byLastPart.get(lastPart(w));
        if (id != null && (w.indexOf('.') < 0 || id.endsWith("." + w))) {
            return id;
        }
        return w;
    }

    /** How expressions name the table: its short name when unambiguous, else the full identifier. */
    String qualifier(String table) {
        String last = lastPart(table);
        return table.equals(byLastPart.get(last)) ? last : table;
    }

    /** The table a canonical qualifier stands for. */
    String byQualifier(String qualifier) {
        String q = SqlFacts.ident(qualifier);
        return byLastPart.getOrDefault(q, q);
    }

    boolean inSpace(String table) {
        return byIdentifier.containsKey(table);
    }

    /** The space's own spelling of the identifier (for fixes). */
    String identifier(String table) {
        Table t = byIdentifier.get(table);
        return t == null ? table : t.identifier();
    }

    Optional<Table> table(String table) {
        return Optional.ofNullable(byIdentifier.get(table));
    }

    Optional<ColumnConfig> columnConfig(String table, String column) {
        return table(table).flatMap(t -> t.column(column));
    }

    void learn(String table, String column) {
        columns.computeIfAbsent(table, k -> new HashSet<>()).add(column);
    }

    boolean hasColumn(String table, String column) {
        return columns.getOrDefault(table, Set.of()).contains(column);
    }

    Set<String> columnsOf(String table) {
        return columns.getOrDefault(table, Set.of());
    }

    List<String> tableIds() {
        return List.copyOf(byIdentifier.keySet());
    }

    static String lastPart(String identifier) {
        int dot = identifier.lastIndexOf('.');
        return (dot < 0 ? identifier : identifier.substring(dot + 1)).toLowerCase(Locale.ROOT);
    }
}
