package io.genieenhancer.sandbox.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.sandbox.sql.SqlFailure;
import io.genieenhancer.sandbox.sql.SqlLexer;
import io.genieenhancer.sandbox.sql.TableInfo;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceFormatException;
import io.genieenhancer.space.SpaceIds;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.space.SpaceRules;
import io.genieenhancer.space.Violation;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a scenario folder and installs it into a warehouse. Every problem is a {@link ScenarioException}
 * naming the file (and line, JSON path or benchmark id) at fault.
 */
public final class ScenarioLoader {

    public static final String SPACE_FILE = "space.json";
    public static final String SCENARIO_FILE = "scenario.json";
    public static final String SCHEMA_FILE = "schema.sql";
    public static final String DATA_FILE = "data.sql";
    public static final String DATA_DIR = "data";
    public static final String README_FILE = "README.md";

    private static final Set<String> SCENARIO_KEYS = Set.of("name", "title", "description", "space_id", "warehouse_id", "parent_path", "today");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioLoader() {
    }

    /**
     * A folder on disk, or the name of a bundled scenario ({@code scenarios/<name>/} on the classpath).
     */
    public static Path locate(String folderOrBundledName) {
        Path p = Path.of(folderOrBundledName);
        if (Files.isDirectory(p)) {
            return p;
        }
        URL url = ScenarioLoader.class.getClassLoader().getResource("scenarios/" + folderOrBundledName + "/" + SPACE_FILE);
        if (url == null) {
            throw new ScenarioException(folderOrBundledName,
                    "no such folder, and no bundled scenario of that name (bundled: scenarios/<name>/space.json on the classpath)");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException ignored) {
                    // opened by an earlier call
                }
            }
            return Path.of(uri).getParent();
        } catch (URISyntaxException | IOException e) {
            throw new ScenarioException(folderOrBundledName, "cannot open the bundled scenario: " + e.getMessage(), e);
        }
    }

    public static Scenario read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ScenarioException(folder.toString(), "not a folder");
        }
        String name = folder.getFileName() == null ? "scenario" : folder.getFileName().toString().replaceAll("/$", "");
        JsonNode meta = Files.exists(folder.resolve(SCENARIO_FILE)) ? readScenarioJson(folder) : JSON.createObjectNode();

        String spaceText = required(folder, SPACE_FILE);
        SpaceConfig space;
        try {
            space = SpaceJson.parse(spaceText);
        } catch (SpaceFormatException e) {
            throw new ScenarioException(SPACE_FILE, e.getMessage(), e);
        }
        List<Violation> violations = SpaceRules.validate(space);
        if (!violations.isEmpty()) {
            throw new ScenarioException(SPACE_FILE, "breaks the serialized_space rules: "
                    + String.join("; ", violations.stream().map(Violation::toString).toList()));
        }
        if (space.dataSources().tables().isEmpty()) {
            throw new ScenarioException(SPACE_FILE, "$.data_sources.tables: a scenario space needs at least one table");
        }
        Set<String> catalogs = new TreeSet<>();
        space.allTables().forEach(t -> catalogs.add(t.identifier().substring(0, t.identifier().indexOf('.')).toLowerCase(Locale.ROOT)));
        if (catalogs.size() != 1) {
            throw new ScenarioException(SPACE_FILE, "$.data_sources.tables: all tables must live in one catalog, found " + catalogs);
        }
        String catalog = catalogs.iterator().next();
        for (var q : space.benchmarks().questions()) {
            if (q.groundTruthSql().isEmpty() || q.groundTruthSql().get().isBlank()) {
                throw new ScenarioException(SPACE_FILE, "benchmark " + q.id() + " has no ground-truth SQL");
            }
        }

        String schemaSql = required(folder, SCHEMA_FILE);
        Optional<String> dataSql = optional(folder, DATA_FILE);
        List<Scenario.CsvTable> csvs = readCsvs(folder);
        if (dataSql.isEmpty() && csvs.isEmpty()) {
            throw new ScenarioException(folder.toString(), "no data: add " + DATA_FILE + " or " + DATA_DIR + "/<catalog>.<schema>.<table>.csv files");
        }
        String readme = optional(folder, README_FILE).orElse("");

        String spaceId = text(meta, "space_id").orElseGet(() -> derivedId(name));
        if (!SpaceIds.isValid(spaceId)) {
            throw new ScenarioException(SCENARIO_FILE, "space_id must be 32 lowercase hex characters, was \"" + spaceId + "\"");
        }
        return new Scenario(
                text(meta, "name").orElse(name),
                text(meta, "title").orElse(name),
                text(meta, "description").orElse(""),
                spaceId,
                text(meta, "warehouse_id").orElse(derivedId("warehouse:" + name).substring(0, 16)),
                text(meta, "parent_path").orElse("/Workspace/Users/sandbox@example.com"),
                catalog,
                space,
                SpaceJson.print(space),
                schemaSql,
                dataSql,
                csvs,
                readme,
                today(meta));
    }

    /**
     * Creates the tables, loads the data, and checks that the space fits the warehouse: every table and
     * configured column exists, and every ground-truth SQL runs.
     */
    public static void install(Scenario s, SandboxDatabase db) {
        for (String schema : schemasOf(s)) {
            try {
                db.ensureSchema(schema);
            } catch (SqlFailure e) {
                throw new ScenarioException(SCHEMA_FILE, "cannot create schema " + schema + ": " + e.getMessage());
            }
        }
        runScript(db, SCHEMA_FILE, s.schemaSql());
        s.dataSql().ifPresent(sql -> runScript(db, DATA_FILE, sql));
        List<TableInfo> tables = db.tables();
        for (Scenario.CsvTable csv : s.csvTables()) {
            TableInfo table = tables.stream().filter(t -> t.identifier().equalsIgnoreCase(csv.identifier())).findFirst()
                    .orElseThrow(() -> new ScenarioException(csv.file(), "table " + csv.identifier() + " is not created by " + SCHEMA_FILE));
            for (String col : csv.header()) {
                if (table.column(col).isEmpty()) {
                    throw new ScenarioException(csv.file(), "line 1: column " + col + " does not exist in " + csv.identifier());
                }
            }
            try {
                db.insert(csv.identifier(), csv.header(), csv.rows());
            } catch (SqlFailure e) {
                String msg = e.getMessage();
                if (msg.startsWith("row ")) { // translate the row index into the file's line number
                    int row = Integer.parseInt(msg.substring(4, msg.indexOf(':')));
                    msg = "line " + csv.lines().get(row - 1) + msg.substring(msg.indexOf(':'));
                }
                throw new ScenarioException(csv.file(), msg);
            }
        }
        db.indexEveryColumn();
        for (var t : s.space().allTables().toList()) {
            TableInfo info = tables.stream().filter(x -> x.identifier().equalsIgnoreCase(t.identifier())).findFirst()
                    .orElseThrow(() -> new ScenarioException(SPACE_FILE,
                            "table " + t.identifier() + " is in the space but not created by " + SCHEMA_FILE));
            for (var c : t.columnConfigs()) {
                if (info.column(c.columnName()).isEmpty()) {
                    throw new ScenarioException(SPACE_FILE, "column " + c.columnName() + " of " + t.identifier() + " does not exist in the table");
                }
            }
        }
        for (var q : s.space().benchmarks().questions()) {
            try {
                db.query(q.groundTruthSql().orElseThrow(), 10_000);
            } catch (SqlFailure e) {
                throw new ScenarioException(SPACE_FILE, "benchmark " + q.id() + " (\"" + q.questionText() + "\"): ground-truth SQL fails: " + e.getMessage());
            }
        }
    }

    private static Set<String> schemasOf(Scenario s) {
        Set<String> schemas = new TreeSet<>();
        s.space().allTables().forEach(t -> schemas.add(t.identifier().split("\\.")[1].toLowerCase(Locale.ROOT)));
        s.csvTables().forEach(c -> schemas.add(c.identifier().split("\\.")[1].toLowerCase(Locale.ROOT)));
        return schemas;
    }

    private static void runScript(SandboxDatabase db, String file, String script) {
        List<SqlLexer.Numbered> statements;
        try {
            statements = SqlLexer.splitStatements(script);
        } catch (SqlLexer.LexException e) {
            throw new ScenarioException(file, e.getMessage());
        }
        for (SqlLexer.Numbered st : statements) {
            try {
                db.execute(st.sql());
            } catch (SqlFailure e) {
                throw new ScenarioException(file, "line " + st.line() + ": " + e.getMessage());
            }
        }
    }

    private static JsonNode readScenarioJson(Path folder) {
        String text = required(folder, SCENARIO_FILE);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ScenarioException(SCENARIO_FILE, "not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr())
                    + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ScenarioException(SCENARIO_FILE, "must be a JSON object");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!SCENARIO_KEYS.contains(key)) {
                throw new ScenarioException(SCENARIO_FILE, "unknown key \"" + key + "\" (allowed: " + new TreeSet<>(SCENARIO_KEYS) + ")");
            }
            if (!node.get(key).isTextual()) {
                throw new ScenarioException(SCENARIO_FILE, "\"" + key + "\" must be a string");
            }
        }
        return node;
    }

    private static List<Scenario.CsvTable> readCsvs(Path folder) {
        Path dir = folder.resolve(DATA_DIR);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new ScenarioException(DATA_DIR, "cannot list: " + e.getMessage());
        }
        List<Scenario.CsvTable> out = new ArrayList<>();
        for (Path f : files) {
            String rel = DATA_DIR + "/" + f.getFileName();
            String base = f.getFileName().toString();
            String identifier = base.substring(0, base.length() - 4).toLowerCase(Locale.ROOT);
            if (identifier.split("\\.", -1).length != 3) {
                throw new ScenarioException(rel, "the file name must be the table's 3-level name: <catalog>.<schema>.<table>.csv");
            }
            out.add(Csv.parse(rel, identifier, read(folder, rel)));
        }
        return out;
    }

    private static String required(Path folder, String file) {
        if (!Files.exists(folder.resolve(file))) {
            throw new ScenarioException(file, "missing (a scenario folder needs " + SPACE_FILE + ", " + SCHEMA_FILE
                    + " and data; see docs/sandbox.md)");
        }
        return read(folder, file);
    }

    private static Optional<String> optional(Path folder, String file) {
        return Files.exists(folder.resolve(file)) ? Optional.of(read(folder, file)) : Optional.empty();
    }

    private static String read(Path folder, String file) {
        try {
            return Files.readString(folder.resolve(file), StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ScenarioException(file, "is not UTF-8 text");
        } catch (IOException e) {
            throw new ScenarioException(file, "cannot read: " + e.getMessage());
        }
    }

    private static Optional<LocalDate> today(JsonNode meta) {
        Optional<String> text = text(meta, "today");
        try {
            return text.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new ScenarioException(SCENARIO_FILE, "today must be a date YYYY-MM-DD, was \"" + text.get() + "\"");
        }
    }

    private static Optional<String> text(JsonNode meta, String key) {
        JsonNode v = meta.get(key);
        return v == null || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }

    /** A stable 32-hex id from a name, so a scenario without a fixed space_id keeps the same id across runs. */
    static String derivedId(String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("genie-sandbox:" + name).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
