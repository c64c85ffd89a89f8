package io.genieenhancer.sandbox.scenario;

import io.genieenhancer.space.SpaceConfig;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A scenario read from its folder (see docs/sandbox.md, "Scenario format"): the space to serve (with its
 * benchmarks), the warehouse's schema and data, and the metadata of the Genie space.
 *
 * @param serializedSpace the space as served by GET (compact JSON printed from {@code space})
 * @param catalog         the one Unity Catalog catalog all tables live in (dropped on H2, see DatabricksSql)
 * @param today           the snapshot date the scenario's data and relative-date questions are written for
 *                        ({@code scenario.json} "today"); the warehouse answers CURRENT_DATE with it
 */
public record Scenario(
        String name,
        String title,
        String description,
        String spaceId,
        String warehouseId,
        String parentPath,
        String catalog,
        SpaceConfig space,
        String serializedSpace,
        String schemaSql,
        Optional<String> dataSql,
        List<CsvTable> csvTables,
        String readme,
        Optional<LocalDate> today) {

    public Scenario {
        csvTables = List.copyOf(csvTables);
    }

    /** One {@code data/<catalog>.<schema>.<table>.csv} file: header names, then rows of text values. */
    public record CsvTable(String file, String identifier, List<String> header, List<List<String>> rows, List<Integer> lines) {
        public CsvTable {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
            lines = List.copyOf(lines);
        }
    }
}
