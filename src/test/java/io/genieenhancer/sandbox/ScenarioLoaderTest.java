package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.scenario.Scenario;
import io.genieenhancer.sandbox.scenario.ScenarioException;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.sandbox.sql.SqlFailure;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken scenario folder gives a clear error that names the file (and line, path or benchmark) at fault. */
class ScenarioLoaderTest {

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void copyTheRegressScenario() throws IOException {
        Path source = ScenarioLoader.locate("regress");
        dir = tmp.resolve("shop");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @Test
    void aCopiedScenarioFolderLoadsAndServes() {
        try (SandboxWorkspace ws = SandboxWorkspace.start(dir, Knobs.instant())) {
            assertEquals("01f0c0de00000000000000000000a001", ws.spaceId());
            assertEquals("5a9db0c0de000001", ws.warehouseId());
            assertEquals(200, new Api(ws.url(), ws.token()).get("/api/2.0/genie/spaces/" + ws.spaceId()).status());
        }
    }

    @Test
    void bothBundledScenariosLoad() {
        for (String name : new String[] {"retail", "regress"}) {
            Scenario s = ScenarioLoader.read(ScenarioLoader.locate(name));
            try (SandboxDatabase db = SandboxDatabase.create(s.catalog(), s.today())) {
                ScenarioLoader.install(s, db);
            }
            assertTrue(s.readme().contains("#"), name + " has a README");
        }
    }

    @Test
    void aMissingSpaceFileIsNamed() throws IOException {
        Files.delete(dir.resolve("space.json"));
        ScenarioException e = failsToLoad();
        assertEquals("space.json", e.file());
        assertTrue(e.getMessage().startsWith("space.json: missing"), e.getMessage());
    }

    @Test
    void unreadableJsonInTheSpaceFileNamesFileAndLine() throws IOException {
        Files.writeString(dir.resolve("space.json"), "{\n  \"version\": 2,\n  \"config\": {,\n}");
        ScenarioException e = failsToLoad();
        assertEquals("space.json", e.file());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void aSpaceThatBreaksTheServerRulesNamesTheRule() throws IOException {
        replace("space.json", "01f0c0de000200000000000000000001", "not-an-id");
        ScenarioException e = failsToLoad();
        assertEquals("space.json", e.file());
        assertTrue(e.getMessage().contains("$.benchmarks.questions[0].id") && e.getMessage().contains("id-format"), e.getMessage());
    }

    @Test
    void aBrokenSchemaStatementNamesFileAndLine() throws IOException {
        replace("schema.sql", "order_date    DATE,", "order_date    DATE BOGUS,");
        ScenarioException e = failsToLoad();
        assertEquals("schema.sql", e.file());
        assertTrue(e.getMessage().startsWith("schema.sql: line 2:"), e.getMessage());
    }

    @Test
    void aCsvHeaderWithAnUnknownColumnIsNamed() throws IOException {
        replace("data/main.shop.orders.csv", "order_id,customer", "order_id,client");
        ScenarioException e = failsToLoad();
        assertEquals("data/main.shop.orders.csv", e.file());
        assertTrue(e.getMessage().contains("line 1: column client does not exist"), e.getMessage());
    }

    @Test
    void aCsvValueOfTheWrongTypeNamesItsLine() throws IOException {
        Path csv = dir.resolve("data/main.shop.orders.csv");
        var lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        lines.set(4, lines.get(4).replaceFirst("^(\\d+),([^,]+),([^,]+),", "$1,$2,not-a-date,"));
        Files.write(csv, lines);
        ScenarioException e = failsToLoad();
        assertEquals("data/main.shop.orders.csv", e.file());
        assertTrue(e.getMessage().startsWith("data/main.shop.orders.csv: line 5:"), e.getMessage());
    }

    @Test
    void aCsvRowWithTooFewFieldsNamesItsLine() throws IOException {
        Files.writeString(dir.resolve("data/main.shop.refunds.csv"), "refund_id,order_id,refund_date,amount,reason\n1,2,2024-01-01\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.read(dir));
        assertEquals("data/main.shop.refunds.csv: line 2: 3 fields, the header has 5", e.getMessage());
    }

    @Test
    void aCsvNamedForNoTableIsRefused() throws IOException {
        Files.writeString(dir.resolve("data/refunds.csv"), "a\n1\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.read(dir));
        assertEquals("data/refunds.csv", e.file());
    }

    @Test
    void aFailingGroundTruthNamesTheBenchmark() throws IOException {
        replace("space.json", "SELECT COUNT(*) FROM main.shop.refunds", "SELECT COUNT(*) FROM main.shop.refundz");
        ScenarioException e = failsToLoad();
        assertEquals("space.json", e.file());
        assertTrue(e.getMessage().contains("benchmark 01f0c0de000200000000000000000006")
                && e.getMessage().contains("How many refunds were there?"), e.getMessage());
    }

    @Test
    void aSpaceTableMissingFromTheSchemaIsNamed() throws IOException {
        replace("schema.sql", "CREATE TABLE main.shop.refunds", "CREATE TABLE main.shop.refunds_old");
        replace("data/main.shop.refunds.csv", "", "");
        Files.move(dir.resolve("data/main.shop.refunds.csv"), dir.resolve("data/main.shop.refunds_old.csv"));
        ScenarioException e = failsToLoad();
        assertEquals("space.json", e.file());
        assertTrue(e.getMessage().contains("table main.shop.refunds is in the space but not created by schema.sql"), e.getMessage());
    }

    @Test
    void anUnknownKeyInScenarioJsonIsNamed() throws IOException {
        Files.writeString(dir.resolve("scenario.json"), "{\"title\": \"x\", \"spaceId\": \"y\"}");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.read(dir));
        assertEquals("scenario.json", e.file());
        assertTrue(e.getMessage().contains("unknown key \"spaceId\""), e.getMessage());
    }

    @Test
    void aScenarioTodayPinsTheWarehouseClockAndAMalformedOneIsNamed() throws IOException, SqlFailure {
        Files.writeString(dir.resolve("scenario.json"), "{\"title\": \"x\", \"today\": \"2024-06-15\"}");
        Scenario s = ScenarioLoader.read(dir);
        assertEquals(Optional.of(LocalDate.of(2024, 6, 15)), s.today());
        try (SandboxDatabase db = SandboxDatabase.create(s.catalog(), s.today())) {
            assertEquals(List.of("2024-06-08", "2024-06-15T00:00:00.000Z"),
                    db.query("SELECT DATE_SUB(CURRENT_DATE, 7) AS d, NOW() AS t", 1).rows().get(0));
        }
        Files.writeString(dir.resolve("scenario.json"), "{\"today\": \"15/06/2024\"}");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.read(dir));
        assertEquals("scenario.json", e.file());
        assertTrue(e.getMessage().contains("today must be a date YYYY-MM-DD"), e.getMessage());
    }

    @Test
    void aFolderWithoutDataIsRefused() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("data"))) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.read(dir));
        assertTrue(e.getMessage().contains("no data"), e.getMessage());
    }

    @Test
    void anUnknownBundledNameIsRefused() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.locate("no-such-scenario"));
        assertEquals("no-such-scenario", e.file());
    }

    @Test
    void startingAWorkspaceOnABrokenFolderThrowsTheScenarioError() throws IOException {
        replace("schema.sql", "CREATE TABLE", "CREATE TABLET");
        assertThrows(ScenarioException.class, () -> SandboxWorkspace.start(dir, Knobs.instant()));
    }

    private ScenarioException failsToLoad() {
        return assertThrows(ScenarioException.class, () -> {
            Scenario s = ScenarioLoader.read(dir);
            try (SandboxDatabase db = SandboxDatabase.create(s.catalog(), s.today())) {
                ScenarioLoader.install(s, db);
            }
        });
    }

    private void replace(String file, String from, String to) throws IOException {
        Path p = dir.resolve(file);
        String text = Files.readString(p);
        if (!from.isEmpty()) {
            assertTrue(text.contains(from), file + " contains " + from);
        }
        Files.writeString(p, from.isEmpty() ? text : text.replace(from, to));
    }
}
