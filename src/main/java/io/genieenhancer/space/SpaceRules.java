package io.genieenhancer.space;

import io.genieenhancer.space.SpaceConfig.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The server-side rules an update of {@code serialized_space} must satisfy (see docs/serialized-space.md):
 * sorted arrays, 32-hex ids, uniqueness, size limits, budgets and the join-spec form. {@link #canonical}
 * sorts; {@link #validate} lists every violation with its JSON path.
 */
public final class SpaceRules {

    public static final int MAX_STRING_CHARS = 25_000;
    public static final int MAX_ARRAY_ITEMS = 10_000;
    public static final int MAX_INSTRUCTION_SLOTS = 100;
    public static final int MAX_SNIPPETS = 200;
    public static final int MAX_TEXT_INSTRUCTIONS = 1;

    private static final Pattern THREE_LEVEL = Pattern.compile("[^.\\s]+\\.[^.\\s]+\\.[^.\\s]+");
    public static final Pattern RELATIONSHIP_ANNOTATION =
            Pattern.compile("--rt=FROM_RELATIONSHIP_TYPE_[A-Z_]+--");

    /** Ordinal (case-sensitive) order, as the server compares; identifiers are kept lowercase anyway. */
    private static final Comparator<String> ORDER = Comparator.naturalOrder();

    private SpaceRules() {
    }

    // ------------------------------------------------------------------------------ canonical form

    public static SpaceConfig canonical(SpaceConfig s) {
        DataSources d = s.dataSources();
        DataSources ds = new DataSources(sortTables(d.tables()), sortTables(d.metricViews()), d.extras());
        Instructions i = s.instructions();
        SqlSnippets sn = i.sqlSnippets();
        Instructions in = new Instructions(
                sorted(i.textInstructions(), TextInstruction::id),
                i.exampleQuestionSqls().stream()
                        .map(e -> new ExampleQuestionSql(e.id(), e.question(), e.sql(), e.usageGuidance(),
                                sorted(e.parameters(), p -> p.path("name").asText()), e.extras()))
                        .sorted(Comparator.comparing(ExampleQuestionSql::id, ORDER)).toList(),
                i.sqlFunctions().stream().sorted(Comparator.comparing(SqlFunction::id, ORDER)
                        .thenComparing(SqlFunction::identifier, ORDER)).toList(),
                sorted(i.joinSpecs(), JoinSpec::id),
                new SqlSnippets(sorted(sn.filters(), Snippet::id), sorted(sn.expressions(), Snippet::id),
                        sorted(sn.measures(), Snippet::id), sn.extras()),
                i.extras());
        Config c = new Config(sorted(s.config().sampleQuestions(), SampleQuestion::id), s.config().extras());
        Benchmarks b = new Benchmarks(sorted(s.benchmarks().questions(), BenchmarkQuestion::id), s.benchmarks().extras());
        return new SpaceConfig(SpaceConfig.CURRENT_VERSION, c, ds, in, b, s.extras());
    }

    private static List<Table> sortTables(List<Table> tables) {
        return tables.stream()
                .map(t -> t.withColumnConfigs(sorted(t.columnConfigs(), ColumnConfig::columnName)))
                .sorted(Comparator.comparing(Table::identifier, ORDER)).toList();
    }

    private static <T> List<T> sorted(List<T> items, Function<T, String> key) {
        if (isSorted(items, key)) {
            return items;
        }
        return items.stream().sorted(Comparator.comparing(key, ORDER)).toList();
    }

    private static <T> boolean isSorted(List<T> items, Function<T, String> key) {
        for (int i = 1; i < items.size(); i++) {
            if (ORDER.compare(key.apply(items.get(i - 1)), key.apply(items.get(i))) > 0) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------ validation

    /** Instruction slots as the server counts them: example SQLs, functions, the text block, described tables. */
    public static int instructionSlots(SpaceConfig s) {
        Instructions i = s.instructions();
        long described = s.allTables().filter(t -> !SpaceConfig.text(t.description()).isBlank()).count();
        return i.exampleQuestionSqls().size() + i.sqlFunctions().size()
                + (i.textInstructions().isEmpty() ? 0 : 1) + (int) described;
    }

    public static List<Violation> validate(SpaceConfig s) {
        List<Violation> v = new ArrayList<>();
        if (s.version() != 1 && s.version() != 2) {
            v.add(new Violation("$.version", "version", "must be 1 or 2"));
        }
        DataSources d = s.dataSources();
        checkTables(v, "$.data_sources.tables", d.tables());
        checkTables(v, "$.data_sources.metric_views", d.metricViews());
        Set<String> tableIds = new HashSet<>();
        s.allTables().forEach(t -> {
            if (!tableIds.add(t.identifier())) {
                v.add(new Violation("$.data_sources", "unique-table", "table " + t.identifier() + " appears twice"));
            }
        });

        String cq = "$.config.sample_questions";
        checkSortedIds(v, cq, s.config().sampleQuestions(), SampleQuestion::id);
        String bq = "$.benchmarks.questions";
        checkSortedIds(v, bq, s.benchmarks().questions(), BenchmarkQuestion::id);
        Map<String, String> questionIds = new HashMap<>();
        indexed(s.config().sampleQuestions(), cq, (q, p) -> {
            unique(v, questionIds, q.id(), p, "unique-question-id");
            texts(v, p + ".question", q.question());
        });
        indexed(s.benchmarks().questions(), bq, (q, p) -> {
            unique(v, questionIds, q.id(), p, "unique-question-id");
            texts(v, p + ".question", q.question());
            if (q.answer().size() != 1) {
                v.add(new Violation(p + ".answer", "benchmark-answer", "must hold exactly one answer, has " + q.answer().size()));
            }
            for (int k = 0; k < q.answer().size(); k++) {
                BenchmarkAnswer a = q.answer().get(k);
                if (!"SQL".equals(a.format())) {
                    v.add(new Violation(p + ".answer[" + k + "].format", "benchmark-answer", "must be \"SQL\", was \"" + a.format() + "\""));
                }
                texts(v, p + ".answer[" + k + "].content", a.content());
            }
        });

        Instructions in = s.instructions();
        Map<String, String> instrIds = new HashMap<>();
        String ti = "$.instructions.text_instructions";
        if (in.textInstructions().size() > MAX_TEXT_INSTRUCTIONS) {
            v.add(new Violation(ti, "one-text-instruction", "at most one text instruction is allowed, found " + in.textInstructions().size()));
        }
        checkSortedIds(v, ti, in.textInstructions(), TextInstruction::id);
        indexed(in.textInstructions(), ti, (t, p) -> {
            unique(v, instrIds, t.id(), p, "unique-instruction-id");
            texts(v, p + ".content", t.content());
        });
        String ex = "$.instructions.example_question_sqls";
        checkSortedIds(v, ex, in.exampleQuestionSqls(), ExampleQuestionSql::id);
        indexed(in.exampleQuestionSqls(), ex, (e, p) -> {
            unique(v, instrIds, e.id(), p, "unique-instruction-id");
            texts(v, p + ".question", e.question());
            texts(v, p + ".sql", e.sql());
            texts(v, p + ".usage_guidance", e.usageGuidance());
            if (SpaceConfig.text(e.sql()).isBlank()) {
                v.add(new Violation(p + ".sql", "non-empty", "example SQL is empty"));
            }
            if (!isSorted(e.parameters(), n -> n.path("name").asText())) {
                v.add(new Violation(p + ".parameters", "sorted", "parameters must be sorted by name"));
            }
        });
        String fn = "$.instructions.sql_functions";
        indexed(in.sqlFunctions(), fn, (f, p) -> {
            unique(v, instrIds, f.id(), p, "unique-instruction-id");
            if (!THREE_LEVEL.matcher(f.identifier()).matches()) {
                v.add(new Violation(p + ".identifier", "three-level-identifier", "must be catalog.schema.name, was " + f.identifier()));
            }
        });
        checkSorted(v, fn, in.sqlFunctions(), f -> f.id() + "\u0000" + f.identifier(), "sorted by (id, identifier)");
        String js = "$.instructions.join_specs";
        checkSortedIds(v, js, in.joinSpecs(), JoinSpec::id);
        indexed(in.joinSpecs(), js, (j, p) -> {
            unique(v, instrIds, j.id(), p, "unique-instruction-id");
            checkJoin(v, p, j, tableIds);
        });
        SqlSnippets sn = in.sqlSnippets();
        for (var kind : List.of(Map.entry("filters", sn.filters()), Map.entry("expressions", sn.expressions()),
                Map.entry("measures", sn.measures()))) {
            String p0 = "$.instructions.sql_snippets." + kind.getKey();
            checkSortedIds(v, p0, kind.getValue(), Snippet::id);
            indexed(kind.getValue(), p0, (sp, p) -> {
                unique(v, instrIds, sp.id(), p, "unique-instruction-id");
                texts(v, p + ".sql", sp.sql());
                texts(v, p + ".synonyms", sp.synonyms());
                texts(v, p + ".instruction", sp.instruction());
                if (SpaceConfig.text(sp.sql()).isBlank()) {
                    v.add(new Violation(p + ".sql", "non-empty", "snippet SQL is empty"));
                }
            });
        }
        if (sn.size() > MAX_SNIPPETS) {
            v.add(new Violation("$.instructions.sql_snippets", "snippet-budget",
                    sn.size() + " SQL snippets; the limit is " + MAX_SNIPPETS));
        }
        int slots = instructionSlots(s);
        if (slots > MAX_INSTRUCTION_SLOTS) {
            v.add(new Violation("$.instructions", "instruction-slot-budget",
                    slots + " instruction slots used; the limit is " + MAX_INSTRUCTION_SLOTS));
        }
        return v;
    }

    private static void checkTables(List<Violation> v, String path, List<Table> tables) {
        arraySize(v, path, tables.size());
        checkSorted(v, path, tables, Table::identifier, "sorted by identifier");
        indexed(tables, path, (t, p) -> {
            if (!THREE_LEVEL.matcher(t.identifier()).matches()) {
                v.add(new Violation(p + ".identifier", "three-level-identifier", "must be catalog.schema.name, was " + t.identifier()));
            }
            texts(v, p + ".description", t.description());
            String cp = p + ".column_configs";
            arraySize(v, cp, t.columnConfigs().size());
            checkSorted(v, cp, t.columnConfigs(), ColumnConfig::columnName, "sorted by column_name");
            Set<String> names = new HashSet<>();
            indexed(t.columnConfigs(), cp, (c, q) -> {
                if (!names.add(c.columnName())) {
                    v.add(new Violation(q, "unique-column", "column " + c.columnName() + " appears twice in " + t.identifier()));
                }
                texts(v, q + ".description", c.description());
                texts(v, q + ".synonyms", c.synonyms());
                if (c.entityMatching() && !c.formatAssistance()) {
                    v.add(new Violation(q, "entity-matching-needs-format-assistance",
                            "enable_entity_matching requires enable_format_assistance"));
                }
            });
        });
    }

    private static void checkJoin(List<Violation> v, String p, JoinSpec j, Set<String> tableIds) {
        for (var side : List.of(Map.entry("left", j.left()), Map.entry("right", j.right()))) {
            TableRef r = side.getValue();
            String rp = p + "." + side.getKey();
            if (!tableIds.contains(r.identifier())) {
                v.add(new Violation(rp + ".identifier", "join-table-exists", r.identifier() + " is not a table of the space"));
            }
            if (r.alias().isBlank()) {
                v.add(new Violation(rp + ".alias", "join-spec-form", "alias is required"));
            }
        }
        texts(v, p + ".sql", j.sql());
        List<String> sql = j.sql();
        if (sql.size() < 2 || !RELATIONSHIP_ANNOTATION.matcher(sql.get(sql.size() - 1).trim()).matches()) {
            v.add(new Violation(p + ".sql", "join-spec-form",
                    "must hold the join condition then a --rt=FROM_RELATIONSHIP_TYPE_...-- annotation"));
        } else if (sql.subList(0, sql.size() - 1).stream().allMatch(String::isBlank)) {
            v.add(new Violation(p + ".sql", "join-spec-form", "join condition is empty"));
        }
    }

    private static <T> void checkSortedIds(List<Violation> v, String path, List<T> items, Function<T, String> id) {
        arraySize(v, path, items.size());
        checkSorted(v, path, items, id, "sorted by id");
        indexed(items, path, (item, p) -> {
            if (!SpaceIds.isValid(id.apply(item))) {
                v.add(new Violation(p + ".id", "id-format", "must be 32 lowercase hex characters, was \"" + id.apply(item) + "\""));
            }
        });
    }

    private static <T> void checkSorted(List<Violation> v, String path, List<T> items, Function<T, String> key, String how) {
        for (int i = 1; i < items.size(); i++) {
            if (ORDER.compare(key.apply(items.get(i - 1)), key.apply(items.get(i))) > 0) {
                v.add(new Violation(path + "[" + i + "]", "sorted", "array must be " + how));
                return;
            }
        }
    }

    private static void arraySize(List<Violation> v, String path, int size) {
        if (size > MAX_ARRAY_ITEMS) {
            v.add(new Violation(path, "array-size", size + " items; the limit is " + MAX_ARRAY_ITEMS));
        }
    }

    private static void texts(List<Violation> v, String path, List<String> parts) {
        arraySize(v, path, parts.size());
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).length() > MAX_STRING_CHARS) {
                v.add(new Violation(path + "[" + i + "]", "string-length",
                        parts.get(i).length() + " characters; the limit is " + MAX_STRING_CHARS));
            }
        }
    }

    private static void unique(List<Violation> v, Map<String, String> seen, String id, String path, String rule) {
        String first = seen.putIfAbsent(id, path);
        if (first != null) {
            v.add(new Violation(path + ".id", rule, "id " + id + " is already used at " + first));
        }
    }

    private interface IndexedConsumer<T> {
        void accept(T item, String path);
    }

    private static <T> void indexed(List<T> items, String path, IndexedConsumer<T> c) {
        for (int i = 0; i < items.size(); i++) {
            c.accept(items.get(i), path + "[" + i + "]");
        }
    }
}
