package io.genieenhancer.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.genieenhancer.sandbox.sql.TableInfo;
import io.genieenhancer.space.Extras;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceFormatException;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.space.SpaceRules;
import io.genieenhancer.space.Violation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * What the sandbox checks before it accepts a {@code serialized_space} on PATCH, i.e. what the real
 * server is known (or, where marked, assumed) to reject:
 * <ul>
 *   <li>unreadable JSON or a wrong shape (via {@link SpaceJson#parse});</li>
 *   <li>the documented rules: sorting, 32-hex ids, uniqueness, budgets, limits, join-spec form
 *       (via {@link SpaceRules#validate}, the same code the product validates with);</li>
 *   <li>fields the server does not know, e.g. top-level metadata such as {@code title} copied into the
 *       serialized space, and version-1 column keys in a version-2 space (the real server parses with
 *       a protobuf schema and rejects both);</li>
 *   <li>tables or columns that do not exist in the warehouse (assumed: Unity Catalog would not resolve them).</li>
 * </ul>
 */
public final class SpaceAcceptance {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> V1_COLUMN_KEYS = List.of("get_example_values", "build_value_dictionary");

    /** Either the accepted space or every reason it was refused. */
    public record Result(SpaceConfig space, List<String> problems) {
        public boolean accepted() {
            return problems.isEmpty();
        }
    }

    private SpaceAcceptance() {
    }

    public static Result check(String serializedSpace, List<TableInfo> warehouse) {
        SpaceConfig space;
        try {
            space = SpaceJson.parse(serializedSpace);
        } catch (SpaceFormatException e) {
            return new Result(null, List.of(e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (space.version() == 2) {
            v1Keys(serializedSpace, problems);
        }
        unknownFields(space, problems);
        for (Violation v : SpaceRules.validate(space)) {
            problems.add(v.toString());
        }
        space.allTables().forEach(t -> {
            TableInfo info = warehouse.stream().filter(w -> w.identifier().equalsIgnoreCase(t.identifier())).findFirst().orElse(null);
            if (info == null) {
                problems.add("$.data_sources: table " + t.identifier() + " does not exist or is not accessible");
                return;
            }
            t.columnConfigs().forEach(c -> {
                if (info.column(c.columnName()).isEmpty()) {
                    problems.add("$.data_sources: column " + c.columnName() + " does not exist in " + t.identifier());
                }
            });
        });
        return new Result(space, problems);
    }

    private static void v1Keys(String serialized, List<String> problems) {
        try {
            JsonNode root = JSON.readTree(serialized);
            for (JsonNode table : root.path("data_sources").path("tables")) {
                for (JsonNode col : table.path("column_configs")) {
                    for (String k : V1_COLUMN_KEYS) {
                        if (col.has(k)) {
                            problems.add("$.data_sources.tables[" + table.path("identifier").asText() + "].column_configs["
                                    + col.path("column_name").asText() + "]: " + k + " is a version-1 field; version 2 names it "
                                    + (k.equals("get_example_values") ? "enable_format_assistance" : "enable_entity_matching"));
                        }
                    }
                }
            }
        } catch (Exception ignored) {
            // already parsed once by SpaceJson; nothing more to report
        }
    }

    private static void unknownFields(SpaceConfig s, List<String> problems) {
        BiConsumer<String, Extras> check = (path, e) -> {
            for (Iterator<String> it = e.unknown().fieldNames(); it.hasNext(); ) {
                problems.add(path + ": unknown field \"" + it.next() + "\"");
            }
        };
        check.accept("$", s.extras());
        check.accept("$.config", s.config().extras());
        s.config().sampleQuestions().forEach(q -> check.accept("$.config.sample_questions[" + q.id() + "]", q.extras()));
        check.accept("$.data_sources", s.dataSources().extras());
        s.allTables().forEach(t -> {
            check.accept("$.data_sources.tables[" + t.identifier() + "]", t.extras());
            t.columnConfigs().forEach(c -> check.accept(
                    "$.data_sources.tables[" + t.identifier() + "].column_configs[" + c.columnName() + "]", c.extras()));
        });
        var i = s.instructions();
        check.accept("$.instructions", i.extras());
        i.textInstructions().forEach(x -> check.accept("$.instructions.text_instructions[" + x.id() + "]", x.extras()));
        i.exampleQuestionSqls().forEach(x -> check.accept("$.instructions.example_question_sqls[" + x.id() + "]", x.extras()));
        i.sqlFunctions().forEach(x -> check.accept("$.instructions.sql_functions[" + x.id() + "]", x.extras()));
        i.joinSpecs().forEach(x -> {
            check.accept("$.instructions.join_specs[" + x.id() + "]", x.extras());
            check.accept("$.instructions.join_specs[" + x.id() + "].left", x.left().extras());
            check.accept("$.instructions.join_specs[" + x.id() + "].right", x.right().extras());
        });
        check.accept("$.instructions.sql_snippets", i.sqlSnippets().extras());
        i.sqlSnippets().all().forEach(x -> check.accept("$.instructions.sql_snippets[" + x.id() + "]", x.extras()));
        check.accept("$.benchmarks", s.benchmarks().extras());
        s.benchmarks().questions().forEach(q -> {
            check.accept("$.benchmarks.questions[" + q.id() + "]", q.extras());
            q.answer().forEach(a -> check.accept("$.benchmarks.questions[" + q.id() + "].answer", a.extras()));
        });
    }
}
