package io.genieenhancer.sandbox.convert;

import io.genieenhancer.sandbox.scenario.ScenarioLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefogConverterTest {

    static final Path INPUTS = Path.of("src/sandbox/resources/external/defog");
    static final Path SCENARIOS = Path.of("src/sandbox/resources/scenarios");

    @Test
    void nowRelativeValuesArePinnedToTheSnapshotDateAsPostgresComputesThem() {
        String dump = """
                CREATE TABLE t (id SERIAL PRIMARY KEY, d DATE, ts TIMESTAMP, y INT, crtd_ts TIMESTAMP NOT NULL DEFAULT NOW());
                INSERT INTO t (d, ts, y) VALUES
                  (CURRENT_DATE - INTERVAL '1 month', NOW() - INTERVAL '15 min', EXTRACT(YEAR FROM CURRENT_DATE) - 2),
                  (DATE_TRUNC('week', CURRENT_DATE) - INTERVAL '1 week' + INTERVAL '1 day', '2023-01-02 10:00:00', 2020),
                  (DATE_TRUNC('month', CURRENT_DATE) - INTERVAL '2 year', NULL, NULL);
                """;
        DefogDump.Table t = DefogDump.parse(dump, LocalDate.parse("2024-06-12")).table("t"); // a Wednesday
        assertEquals(List.of("1", "2024-05-12", "2024-06-11 23:45:00", "2022", "2024-06-12 00:00:00"), t.rows().get(0));
        assertEquals(List.of("2", "2024-06-04", "2023-01-02 10:00:00", "2020", "2024-06-12 00:00:00"), t.rows().get(1),
                "weeks start on Monday, as in Postgres");
        assertEquals(java.util.Arrays.asList("3", "2022-06-01", null, null, "2024-06-12 00:00:00"), t.rows().get(2));
    }

    @Test
    void serialIdsAreNumberedInInsertionOrderAcrossInsertsAndExplicitIdsAreKept() {
        String dump = """
                CREATE TABLE a (id SERIAL PRIMARY KEY, name TEXT NOT NULL, amt NUMERIC(10, 2));
                INSERT INTO a (name, amt) VALUES ('x', 1.50), ('y, z', 2);
                INSERT INTO a (name) VALUES ('w');
                CREATE TABLE b (id SERIAL PRIMARY KEY, v BOOLEAN);
                INSERT INTO b (id, v) VALUES (7, TRUE);
                """;
        DefogDump d = DefogDump.parse(dump, LocalDate.parse("2024-06-12"));
        assertEquals(List.of("1", "2", "3"), d.table("a").rows().stream().map(r -> r.get(0)).toList());
        assertEquals("id,name,amt\n1,x,1.50\n2,\"y, z\",2\n3,w,\n", DefogConverter.csv(d.table("a")));
        assertEquals(List.of("7", "true"), d.table("b").rows().get(0));
        assertEquals("DECIMAL(10, 2)", d.table("a").columns().get(2).databricksType());
    }

    @Test
    void semicolonAlternativesAreSplitAndSelectAlternativesKeepTheColumnTheQuestionNames() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), DefogConverter.splitAlternatives("SELECT 1;SELECT 2;"));
        assertEquals("SELECT m.name, SUM(x) FROM m GROUP BY m.name",
                DefogConverter.pickSelectAlternatives("SELECT {m.mid, m.name}, SUM(x) FROM m GROUP BY {}", "Return the merchant name"));
        assertEquals("SELECT m.mid FROM m GROUP BY m.mid",
                DefogConverter.pickSelectAlternatives("SELECT {m.mid, m.name} FROM m GROUP BY {}", "Return the merchants"));
    }

    @Test
    void carDealershipDropsOnlyTheGenerateSeriesQuestionsAndRecordsItsChoices() {
        DefogConverter.Conversion c = new DefogConverter(INPUTS).convert("car_dealership");
        assertEquals(2, c.dropped().size());
        assertTrue(c.dropped().stream().allMatch(d -> d.reason().contains("generate_series")));
        assertEquals(29, c.kept().size());
        DefogConverter.Converted shortest = c.kept().stream().filter(k -> k.question().contains("shortest time")).findFirst().orElseThrow();
        assertEquals(2, shortest.picked());
        assertTrue(shortest.databricks().contains("DATEDIFF(termination_date, hire_date)"), shortest.databricks());
        assertTrue(c.kept().stream().anyMatch(k -> k.note().startsWith("translated by hand")));
    }

    @Test
    void aDecisionThatMatchesNoQuestionIsAnError(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        copy(INPUTS, dir);
        Files.writeString(dir.resolve("conversion/ewallet.json"),
                "{\"today\": \"2024-06-12\", \"drops\": [{\"question\": \"No such question\", \"reason\": \"r\"}]}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new DefogConverter(dir).convert("ewallet"));
        assertTrue(e.getMessage().contains("No such question"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"car_dealership", "derm_treatment", "ewallet"})
    void runningTheConverterOnTheVendoredInputsReproducesTheCommittedScenario(String db) throws IOException {
        Map<String, String> generated = new DefogConverter(INPUTS).convert(db).files();
        Path folder = SCENARIOS.resolve(db);
        Map<String, String> committed = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String rel = folder.relativize(p).toString().replace('\\', '/');
                if (!rel.equals(ScenarioLoader.README_FILE)) {
                    committed.put(rel, Files.readString(p));
                }
            }
        }
        assertEquals(committed.keySet(), generated.keySet());
        generated.forEach((file, content) -> assertEquals(content, committed.get(file), db + "/" + file
                + " differs from the converter's output: regenerate with DefogConverter (see its javadoc)"));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
