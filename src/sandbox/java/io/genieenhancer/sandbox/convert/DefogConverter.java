package io.genieenhancer.sandbox.convert;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.genieenhancer.sandbox.scenario.Csv;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.space.Extras;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.BenchmarkAnswer;
import io.genieenhancer.space.SpaceConfig.BenchmarkQuestion;
import io.genieenhancer.space.SpaceConfig.Benchmarks;
import io.genieenhancer.space.SpaceConfig.ColumnConfig;
import io.genieenhancer.space.SpaceConfig.ExampleQuestionSql;
import io.genieenhancer.space.SpaceConfig.JoinSpec;
import io.genieenhancer.space.SpaceConfig.Snippet;
import io.genieenhancer.space.SpaceConfig.SqlSnippets;
import io.genieenhancer.space.SpaceConfig.Table;
import io.genieenhancer.space.SpaceConfig.TableRef;
import io.genieenhancer.space.SpaceConfig.TextInstruction;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.space.SpaceRules;
import io.genieenhancer.space.Violation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts a database of the defog text-to-SQL benchmark (vendored under
 * {@code src/sandbox/resources/external/defog/}) into a sandbox scenario folder: {@code schema.sql},
 * {@code data/*.csv}, {@code space.json} (the bare space with the benchmarks), {@code ideal.json} (the bare
 * space plus defog's column descriptions and the hand-written knowledge of {@code knowledge/<db>.json}) and
 * {@code scenario.json}. The scenario's {@code README.md} is written by hand (it records measured scores).
 *
 * <p>Regenerate: {@code java -cp <test classpath> io.genieenhancer.sandbox.convert.DefogConverter
 * src/sandbox/resources/external/defog src/sandbox/resources/scenarios car_dealership derm_treatment ewallet}
 */
public final class DefogConverter {

    public static final String CATALOG = "main";
    public static final List<String> QUESTION_FILES = List.of(
            "instruct_basic_postgres.csv", "instruct_advanced_postgres.csv", "questions_gen_postgres.csv");
    public static final List<String> GENERATED_FILES = List.of("schema.sql", "space.json", "ideal.json", "scenario.json");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path inputs;

    public DefogConverter(Path inputs) {
        this.inputs = inputs;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: DefogConverter <inputs dir> <scenarios dir> <db>...");
            System.exit(2);
        }
        DefogConverter converter = new DefogConverter(Path.of(args[0]));
        for (int i = 2; i < args.length; i++) {
            Path folder = Path.of(args[1], args[i]);
            Conversion c = converter.convert(args[i]);
            c.writeTo(folder);
            ScenarioLoader.read(folder); // fails loudly on a space the server would refuse
            System.out.println(args[i] + ": " + c.kept().size() + " benchmarks, dropped " + c.dropped().size() + " -> " + folder);
        }
    }

    // ---- the result -------------------------------------------------------------------------------------------

    /** One question of defog's CSVs, with the alternative chosen and its translation. */
    public record Converted(String question, String file, String postgres, int alternatives, int picked, String databricks, String note) {
    }

    public record Dropped(String question, String file, String reason) {
    }

    /** The files of a scenario folder (relative path → content) and what happened to each question. */
    public record Conversion(Map<String, String> files, List<Converted> kept, List<Dropped> dropped) {
        public void writeTo(Path folder) throws IOException {
            for (var e : files.entrySet()) {
                Path p = folder.resolve(e.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
            }
        }
    }

    // ---- conversion -------------------------------------------------------------------------------------------

    public Conversion convert(String db) {
        JsonNode conf = readJson(inputs.resolve("conversion/" + db + ".json"));
        LocalDate today = LocalDate.parse(conf.path("today").asText());
        DefogDump dump = DefogDump.parse(read(inputs.resolve("defog-data/" + db + "/" + db + ".sql")), today);
        String defaultSchema = conf.path("schema").asText(db);

        Map<String, String> schemaOf = new LinkedHashMap<>();
        Set<String> dateColumns = new LinkedHashSet<>();
        for (DefogDump.Table t : dump.tables()) {
            schemaOf.put(t.name().toLowerCase(Locale.ROOT), t.schema().orElse(defaultSchema));
            t.columns().stream().filter(c -> c.databricksType().equals("DATE")).forEach(c -> dateColumns.add(c.name().toLowerCase(Locale.ROOT)));
        }
        PostgresToDatabricks translator = new PostgresToDatabricks(CATALOG, schemaOf, dateColumns);

        Map<String, String> files = new TreeMap<>();
        files.put("schema.sql", schemaSql(db, dump, schemaOf));
        for (DefogDump.Table t : dump.tables()) {
            files.put("data/" + identifier(schemaOf, t.name()) + ".csv", csv(t));
        }

        List<Converted> kept = new ArrayList<>();
        List<Dropped> dropped = new ArrayList<>();
        Rules rules = new Rules(conf);
        for (String file : QUESTION_FILES) {
            var table = Csv.parse(file, "x.y.z", read(inputs.resolve("sql-eval/data/" + file)));
            int dbCol = table.header().indexOf("db_name");
            int qCol = table.header().indexOf("question");
            int sqlCol = table.header().indexOf("query");
            for (List<String> row : table.rows()) {
                if (!db.equals(row.get(dbCol))) {
                    continue;
                }
                String question = row.get(qCol).strip();
                Optional<String> drop = rules.drop(question);
                if (drop.isPresent()) {
                    dropped.add(new Dropped(question, file, drop.get()));
                    continue;
                }
                kept.add(rules.convert(question, file, row.get(sqlCol), translator));
            }
        }
        rules.checkAllUsed();

        List<Table> bareTables = dump.tables().stream().map(t -> new Table(identifier(schemaOf, t.name()), List.of(),
                t.columns().stream().map(c -> ColumnConfig.of(c.name())).toList(), Extras.none())).toList();
        List<BenchmarkQuestion> benchmarks = kept.stream().map(k -> new BenchmarkQuestion(id(db, "benchmark", k.question()),
                List.of(k.question()), List.of(new BenchmarkAnswer("SQL", List.of(k.databricks()), Extras.none())), Extras.none())).toList();
        SpaceConfig bare = SpaceConfig.empty()
                .withDataSources(SpaceConfig.empty().dataSources().withTables(bareTables))
                .withBenchmarks(new Benchmarks(benchmarks, Extras.none()));
        bare = checked("space.json", SpaceRules.canonical(bare));
        files.put("space.json", pretty(SpaceJson.toTree(bare)));

        SpaceConfig ideal = new Knowledge(db, schemaOf, readJson(inputs.resolve("knowledge/" + db + ".json")))
                .applyTo(withDescriptions(bare, readJson(inputs.resolve("defog-data/" + db + "/" + db + ".json")), schemaOf));
        ideal = checked("ideal.json", SpaceRules.canonical(ideal));
        files.put("ideal.json", pretty(SpaceJson.toTree(ideal)));

        ObjectNode scenario = JSON.createObjectNode();
        scenario.put("title", conf.path("title").asText(db));
        scenario.put("description", "Converted from the defog sql-eval benchmark (" + db + "); see README.md.");
        scenario.put("today", today.toString());
        files.put("scenario.json", pretty(scenario));
        return new Conversion(files, kept, dropped);
    }

    private static SpaceConfig checked(String file, SpaceConfig space) {
        List<Violation> v = SpaceRules.validate(space);
        if (!v.isEmpty()) {
            throw new IllegalStateException(file + " breaks the serialized_space rules: " + v);
        }
        return space;
    }

    static String identifier(Map<String, String> schemaOf, String table) {
        return CATALOG + "." + schemaOf.get(table.toLowerCase(Locale.ROOT)) + "." + table;
    }

    private static String schemaSql(String db, DefogDump dump, Map<String, String> schemaOf) {
        StringBuilder sb = new StringBuilder("-- defog-data " + db + " (see README.md): Postgres types as Databricks SQL types.\n");
        for (DefogDump.Table t : dump.tables()) {
            sb.append("\nCREATE TABLE ").append(identifier(schemaOf, t.name())).append(" (\n");
            for (int i = 0; i < t.columns().size(); i++) {
                DefogDump.Column c = t.columns().get(i);
                sb.append("  ").append(c.name()).append(' ').append(c.databricksType()).append(c.notNull() ? " NOT NULL" : "")
                        .append(i + 1 < t.columns().size() ? ",\n" : "\n");
            }
            sb.append(");\n");
        }
        return sb.toString();
    }

    static String csv(DefogDump.Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", t.columns().stream().map(DefogDump.Column::name).toList())).append('\n');
        for (List<String> row : t.rows()) {
            List<String> cells = new ArrayList<>();
            for (String v : row) {
                cells.add(v == null ? "" : needsQuotes(v) ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static boolean needsQuotes(String v) {
        return v.isEmpty() || v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") || !v.equals(v.strip());
    }

    private static SpaceConfig withDescriptions(SpaceConfig space, JsonNode metadata, Map<String, String> schemaOf) {
        List<Table> tables = new ArrayList<>();
        for (Table t : space.dataSources().tables()) {
            String name = t.identifier().substring(t.identifier().lastIndexOf('.') + 1);
            JsonNode cols = metadata.path("table_metadata").path(name);
            if (cols.isMissingNode()) {
                cols = metadata.path("table_metadata").path(schemaOf.get(name.toLowerCase(Locale.ROOT)) + "." + name);
            }
            Table out = t;
            for (JsonNode c : cols) {
                String description = c.path("column_description").asText("").strip();
                if (!description.isEmpty()) {
                    out = out.withColumn(c.path("column_name").asText(), cc -> cc.withDescription(List.of(description)));
                }
            }
            tables.add(out);
        }
        return space.withDataSources(space.dataSources().withTables(tables));
    }

    /** A stable id: the same input always gets the same 32-hex id, so regeneration is byte for byte. */
    static String id(String db, String kind, String key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(("defog/" + db + "/" + kind + "/" + key).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pretty(JsonNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path p) {
        try {
            return JSON.readTree(read(p));
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": " + e.getMessage(), e);
        }
    }

    // ---- per-database decisions (conversion/<db>.json) ----------------------------------------------------------

    /**
     * The decisions a person made for one database: which {@code ;}-separated alternative to keep when the first
     * is not the right one, which questions to drop (with the reason), and hand translations where no rule fits.
     * Each entry names its question by a prefix that must match exactly one question, and must be used.
     */
    static final class Rules {
        private final Map<String, JsonNode> picks = new LinkedHashMap<>();
        private final Map<String, JsonNode> drops = new LinkedHashMap<>();
        private final Map<String, JsonNode> hand = new LinkedHashMap<>();
        private final Set<String> used = new LinkedHashSet<>();

        Rules(JsonNode conf) {
            conf.path("alternatives").forEach(n -> picks.put(n.path("question").asText(), n));
            conf.path("drops").forEach(n -> drops.put(n.path("question").asText(), n));
            conf.path("hand_translations").forEach(n -> hand.put(n.path("question").asText(), n));
        }

        Optional<String> drop(String question) {
            return find(drops, question).map(n -> n.path("reason").asText());
        }

        Converted convert(String question, String file, String postgres, PostgresToDatabricks translator) {
            List<String> alternatives = splitAlternatives(postgres);
            Optional<JsonNode> pick = find(picks, question);
            int picked = pick.map(n -> n.path("pick").asInt()).orElse(1);
            String chosen = pickSelectAlternatives(alternatives.get(picked - 1), question);
            Optional<JsonNode> manual = find(hand, question);
            String note = pick.map(n -> "alternative " + picked + " of " + alternatives.size() + ": " + n.path("reason").asText()).orElse("");
            if (manual.isPresent()) {
                return new Converted(question, file, chosen, alternatives.size(), picked, manual.get().path("sql").asText(),
                        (note.isEmpty() ? "" : note + "; ") + "translated by hand: " + manual.get().path("reason").asText());
            }
            return new Converted(question, file, chosen, alternatives.size(), picked, translator.translate(chosen), note);
        }

        private Optional<JsonNode> find(Map<String, JsonNode> entries, String question) {
            List<String> hits = entries.keySet().stream().filter(question::startsWith).toList();
            if (hits.size() > 1) {
                throw new IllegalStateException("several entries match \"" + question + "\": " + hits);
            }
            hits.forEach(used::add);
            return hits.stream().findFirst().map(entries::get);
        }

        void checkAllUsed() {
            for (Map<String, JsonNode> m : List.of(picks, drops, hand)) {
                for (String key : m.keySet()) {
                    if (!used.contains(key)) {
                        throw new IllegalStateException("conversion entry matches no question: \"" + key + "\"");
                    }
                }
            }
        }
    }

    /** The acceptable gold queries of one CSV cell, separated by top-level {@code ;}. */
    static List<String> splitAlternatives(String cell) {
        List<String> out = new ArrayList<>();
        io.genieenhancer.sandbox.sql.SqlLexer.splitStatements(cell).forEach(s -> {
            if (!s.sql().isBlank()) {
                out.add(s.sql().strip());
            }
        });
        return out;
    }

    private static final Pattern SELECT_ALTERNATIVES = Pattern.compile("\\{([^{}]+)}");

    /**
     * {@code {a.x, a.y}} in a select list means any one of the columns (sql-eval expands every combination);
     * {@code {}} later in the query repeats the choice. Keeps the column the question names, else the first.
     */
    static String pickSelectAlternatives(String sql, String question) {
        Matcher m = SELECT_ALTERNATIVES.matcher(sql);
        StringBuilder sb = new StringBuilder();
        List<String> chosen = new ArrayList<>();
        while (m.find()) {
            List<String> options = List.of(m.group(1).split("\\s*,\\s*")).stream().map(String::strip).toList();
            String pick = options.stream().filter(o -> mentions(question, o.substring(o.lastIndexOf('.') + 1))).findFirst()
                    .orElse(options.get(0));
            chosen.add(pick);
            m.appendReplacement(sb, Matcher.quoteReplacement(pick));
        }
        m.appendTail(sb);
        String out = sb.toString();
        for (String c : chosen) {
            out = out.replaceFirst("\\{}", Matcher.quoteReplacement(c));
        }
        return out;
    }

    private static boolean mentions(String question, String word) {
        return Pattern.compile("(?i)\\b" + Pattern.quote(word.replace('_', ' ')) + "\\b").matcher(question).find();
    }

    // ---- the ideal knowledge (knowledge/<db>.json) -------------------------------------------------------------

    /**
     * Hand-written knowledge in the forms the sandbox Genie reads (docs/sandbox.md, "Knowledge → effect"),
     * addressed by bare table names: {@code table_descriptions}, {@code synonyms} ("table.column" → words),
     * {@code descriptions} ("table.column" → text, replaces defog's), {@code entity_matching} ("table.column"),
     * {@code joins}, {@code filters}, {@code measures}, {@code expressions}, {@code instructions} (lines of the
     * one text instruction) and {@code examples} (general patterns only, never a benchmark question).
     */
    record Knowledge(String db, Map<String, String> schemaOf, JsonNode k) {

        SpaceConfig applyTo(SpaceConfig space) {
            SpaceConfig s = space;
            for (Iterator<Map.Entry<String, JsonNode>> it = k.path("table_descriptions").fields(); it.hasNext(); ) {
                var e = it.next();
                s = table(s, e.getKey(), t -> t.withDescription(List.of(e.getValue().asText())));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = k.path("descriptions").fields(); it.hasNext(); ) {
                var e = it.next();
                s = column(s, e.getKey(), c -> c.withDescription(List.of(e.getValue().asText())));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = k.path("synonyms").fields(); it.hasNext(); ) {
                var e = it.next();
                s = column(s, e.getKey(), c -> c.withSynonyms(texts(e.getValue())));
            }
            for (JsonNode n : k.path("entity_matching")) {
                s = column(s, n.asText(), c -> c.withFormatAssistance(true).withEntityMatching(true));
            }
            List<JoinSpec> joins = new ArrayList<>();
            for (JsonNode j : k.path("joins")) {
                String left = j.path("left").asText();
                String right = j.path("right").asText();
                joins.add(new JoinSpec(id(db, "join", left + "/" + right + "/" + j.path("sql").asText()),
                        TableRef.of(identifier(schemaOf, left), left), TableRef.of(identifier(schemaOf, right), right),
                        List.of(j.path("sql").asText(), "--rt=FROM_RELATIONSHIP_TYPE_" + j.path("relationship").asText() + "--"),
                        List.of(), List.of(), Extras.none()));
            }
            SqlSnippets snippets = new SqlSnippets(snippets("filter", k.path("filters"), false),
                    snippets("expression", k.path("expressions"), true), snippets("measure", k.path("measures"), true), Extras.none());
            List<TextInstruction> text = k.path("instructions").isEmpty() ? List.of()
                    : List.of(new TextInstruction(id(db, "instruction", "text"),
                    texts(k.path("instructions")).stream().map(l -> l + "\n").toList(), Extras.none()));
            List<ExampleQuestionSql> examples = new ArrayList<>();
            for (JsonNode e : k.path("examples")) {
                examples.add(new ExampleQuestionSql(id(db, "example", e.path("question").asText()), List.of(e.path("question").asText()),
                        List.of(e.path("sql").asText()), List.of(), List.of(), Extras.none()));
            }
            return s.withInstructions(s.instructions().withJoinSpecs(joins).withSqlSnippets(snippets)
                    .withTextInstructions(text).withExampleQuestionSqls(examples));
        }

        private List<Snippet> snippets(String kind, JsonNode list, boolean withAlias) {
            List<Snippet> out = new ArrayList<>();
            for (JsonNode n : list) {
                String name = n.path("name").asText();
                out.add(new Snippet(id(db, kind, name), withAlias ? Optional.of(n.path("alias").asText()) : Optional.empty(),
                        Optional.of(name), List.of(n.path("sql").asText()), texts(n.path("synonyms")), List.of(), Extras.none()));
            }
            return out;
        }

        private static List<String> texts(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(x -> out.add(x.asText()));
            return out;
        }

        private SpaceConfig table(SpaceConfig s, String table, java.util.function.UnaryOperator<Table> change) {
            String identifier = identifier(schemaOf, table);
            boolean[] found = {false};
            List<Table> tables = s.dataSources().tables().stream().map(t -> {
                if (t.identifier().equals(identifier)) {
                    found[0] = true;
                    return change.apply(t);
                }
                return t;
            }).toList();
            if (!found[0]) {
                throw new IllegalArgumentException("knowledge/" + db + ".json: no table " + table);
            }
            return s.withDataSources(s.dataSources().withTables(tables));
        }

        private SpaceConfig column(SpaceConfig s, String tableDotColumn, java.util.function.UnaryOperator<ColumnConfig> change) {
            int dot = tableDotColumn.indexOf('.');
            String column = tableDotColumn.substring(dot + 1);
            return table(s, tableDotColumn.substring(0, dot), t -> {
                if (t.column(column).isEmpty()) {
                    throw new IllegalArgumentException("knowledge/" + db + ".json: no column " + tableDotColumn);
                }
                return t.withColumn(column, change);
            });
        }
    }
}
