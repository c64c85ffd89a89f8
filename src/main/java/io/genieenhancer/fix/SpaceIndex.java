package io.genieenhancer.fix;

import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.ColumnConfig;
import io.genieenhancer.space.SpaceConfig.Table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Look-ups over one space, built once per plan or apply so that checking ten thousand fixes stays linear:
 * tables by identifier and by last name part, columns per table, who owns which synonym.
 */
final class SpaceIndex {

    /** A name resolved against the space, or why it could not be. */
    record Lookup<T>(Optional<T> value, String problem) {
        static <T> Lookup<T> of(T v) {
            return new Lookup<>(Optional.of(v), "");
        }

        static <T> Lookup<T> missing(String problem) {
            return new Lookup<>(Optional.empty(), problem);
        }
    }

    final SpaceConfig space;
    private final Map<String, Table> byIdentifier = new HashMap<>();
    private final Map<String, List<Table>> byLastPart = new HashMap<>();
    private final Map<String, Map<String, ColumnConfig>> columns = new HashMap<>();
    private final Map<String, Set<String>> schema;
    /** synonym key -> "table.column" keys of the columns that list it */
    private final Map<String, Set<String>> synonymOwners = new HashMap<>();
    private final Set<String> instructionIds = new HashSet<>();

    SpaceIndex(SpaceConfig space, Map<String, Set<String>> schema) {
        this.space = space;
        this.schema = schema;
        space.allTables().forEach(t -> {
            String id = Text.ident(t.identifier());
            byIdentifier.putIfAbsent(id, t);
            byLastPart.computeIfAbsent(Text.lastPart(id), k -> new ArrayList<>(1)).add(t);
            Map<String, ColumnConfig> cols = new HashMap<>(t.columnConfigs().size() * 2);
            for (ColumnConfig c : t.columnConfigs()) {
                String cn = Text.ident(c.columnName());
                cols.putIfAbsent(cn, c);
                for (String s : c.synonyms()) {
                    synonymOwners.computeIfAbsent(Text.synonymKey(s), k -> new LinkedHashSet<>(2)).add(id + "." + cn);
                }
            }
            columns.put(id, cols);
        });
        space.instructionIds().forEach(instructionIds::add);
    }

    /** By full identifier (any quoting or case), else by last part when exactly one table has it. */
    Lookup<Table> table(String name) {
        if (name.isBlank()) {
            return Lookup.missing("table is required");
        }
        String n = Text.ident(name);
        Table t = byIdentifier.get(n);
        if (t != null) {
            return Lookup.of(t);
        }
        if (!n.contains(".")) {
            List<Table> candidates = byLastPart.getOrDefault(n, List.of());
            if (candidates.size() == 1) {
                return Lookup.of(candidates.get(0));
            }
            if (candidates.size() > 1) {
                return Lookup.missing("table \"" + name + "\" is ambiguous: "
                        + String.join(", ", candidates.stream().map(Table::identifier).toList()));
            }
        }
        return Lookup.missing("table \"" + name + "\" is not in the space");
    }

    /**
     * A column of the table: its config, or (with a schema) a real column that has no config yet, named as
     * the schema spells it.
     */
    Lookup<String> column(Table table, String name) {
        if (name.isBlank()) {
            return Lookup.missing("column is required");
        }
        String n = Text.ident(name);
        ColumnConfig c = columns.get(Text.ident(table.identifier())).get(n);
        if (c != null) {
            return Lookup.of(c.columnName());
        }
        Set<String> real = schema.get(Text.ident(table.identifier()));
        if (real != null && real.contains(n)) {
            return Lookup.of(n);
        }
        return Lookup.missing("column \"" + name + "\" is not a column of " + table.identifier()
                + (real == null ? " (no column config; pass a schema to target unconfigured columns)" : ""));
    }

    Optional<ColumnConfig> columnConfig(Table table, String name) {
        return Optional.ofNullable(columns.get(Text.ident(table.identifier())).get(Text.ident(name)));
    }

    /**
     * The columns SQL may use on this table, when known: the schema's, else the configured ones (a space
     * that configures columns lists them all; one that configures none tells nothing).
     */
    Optional<Set<String>> knownColumns(Table table) {
        String id = Text.ident(table.identifier());
        Set<String> real = schema.get(id);
        Map<String, ColumnConfig> configured = columns.get(id);
        if (real != null) {
            if (configured.isEmpty()) {
                return Optional.of(real);
            }
            Set<String> all = new HashSet<>(real);
            all.addAll(configured.keySet());
            return Optional.of(all);
        }
        return configured.isEmpty() ? Optional.empty() : Optional.of(configured.keySet());
    }

    /** The columns ("table.column", normalised) that already list this synonym. */
    Set<String> synonymOwners(String synonym) {
        return synonymOwners.getOrDefault(Text.synonymKey(synonym), Set.of());
    }

    boolean hasInstruction(String id) {
        return instructionIds.contains(id);
    }
}
