package io.genieenhancer.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.ColumnConfig;
import io.genieenhancer.space.SpaceConfig.ExampleQuestionSql;
import io.genieenhancer.space.SpaceConfig.JoinSpec;
import io.genieenhancer.space.SpaceConfig.Snippet;
import io.genieenhancer.space.SpaceConfig.Table;

import java.util.List;
import java.util.Locale;

/**
 * The part of a space a batch of failures is about, as the JSON the prompt shows the model: every table's name
 * (so it knows what exists), full detail (description, columns with descriptions and synonyms) for the tables the
 * expected or generated SQL mention, the join specs and snippets around those tables, a few example SQLs that
 * use them, and the text instruction. Long texts are cut ({@link Detail}); the benchmarks are never included.
 */
public final class SpaceSlice {

    /** How much of each text goes in. COMPACT is used when FULL would not fit the token budget. */
    public enum Detail {
        FULL(1_500, 4_000, 8, 40, true),
        COMPACT(200, 1_000, 0, 15, false);

        final int maxText;
        final int maxInstruction;
        final int maxExamples;
        final int maxSnippets;
        final boolean otherColumnDetail;

        Detail(int maxText, int maxInstruction, int maxExamples, int maxSnippets, boolean otherColumnDetail) {
            this.maxText = maxText;
            this.maxInstruction = maxInstruction;
            this.maxExamples = maxExamples;
            this.maxSnippets = maxSnippets;
            this.otherColumnDetail = otherColumnDetail;
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SpaceSlice() {
    }

    public static ObjectNode of(SpaceConfig space, List<FailureEvidence> failures, Detail detail) {
        List<String> sql = failures.stream().flatMap(f -> f.sqlTexts().stream()).toList();
        SqlMentions mentions = new SqlMentions(sql);
        List<Table> touched = space.allTables().filter(t -> mentions.mentionsTable(t.identifier())).toList();

        ObjectNode slice = JSON.objectNode();
        ArrayNode all = slice.putArray("all_tables");
        space.allTables().forEach(t -> all.add(t.identifier()));

        ArrayNode tables = slice.putArray("tables");
        for (Table t : touched) {
            tables.add(table(t, mentions, detail));
        }

        ArrayNode joins = slice.putArray("join_specs");
        for (JoinSpec j : space.instructions().joinSpecs()) {
            if (touches(touched, j.left().identifier()) || touches(touched, j.right().identifier())) {
                ObjectNode n = joins.addObject();
                n.put("left", j.left().identifier() + " AS " + j.left().alias());
                n.put("right", j.right().identifier() + " AS " + j.right().alias());
                n.put("sql", cut(String.join(" ", j.sql()), detail.maxText));
                putText(n, "comment", j.comment(), detail.maxText);
                putText(n, "instruction", j.instruction(), detail.maxText);
            }
        }

        ArrayNode snippets = slice.putArray("sql_snippets");
        addSnippets(snippets, "filter", space.instructions().sqlSnippets().filters(), touched, detail);
        addSnippets(snippets, "measure", space.instructions().sqlSnippets().measures(), touched, detail);
        addSnippets(snippets, "expression", space.instructions().sqlSnippets().expressions(), touched, detail);

        ArrayNode examples = slice.putArray("example_question_sqls");
        for (ExampleQuestionSql e : space.instructions().exampleQuestionSqls()) {
            if (examples.size() >= detail.maxExamples) {
                break;
            }
            SqlMentions used = new SqlMentions(List.of(SpaceConfig.text(e.sql())));
            if (touched.stream().anyMatch(t -> used.mentionsTable(t.identifier()))) {
                ObjectNode n = examples.addObject();
                n.put("question", cut(SpaceConfig.text(e.question()), detail.maxText));
                n.put("sql", cut(SpaceConfig.text(e.sql()), detail.maxText));
            }
        }

        String instruction = space.instructions().textInstructions().stream()
                .map(i -> SpaceConfig.text(i.content())).reduce("", String::concat);
        slice.put("text_instruction", cut(instruction, detail.maxInstruction));
        return slice;
    }

    private static ObjectNode table(Table t, SqlMentions mentions, Detail detail) {
        ObjectNode n = JSON.objectNode();
        n.put("identifier", t.identifier());
        n.put("description", cut(SpaceConfig.text(t.description()), detail.maxText));
        ArrayNode columns = n.putArray("columns");
        for (ColumnConfig c : t.columnConfigs()) {
            boolean mentioned = mentions.mentionsName(c.columnName());
            if (!mentioned && !detail.otherColumnDetail) {
                columns.addObject().put("name", c.columnName());
                continue;
            }
            ObjectNode col = columns.addObject();
            col.put("name", c.columnName());
            col.put("mentioned_in_sql", mentioned);
            col.put("description", cut(SpaceConfig.text(c.description()), detail.maxText));
            ArrayNode synonyms = col.putArray("synonyms");
            c.synonyms().forEach(s -> synonyms.add(cut(s, 200)));
            if (c.exclude().orElse(false)) {
                col.put("excluded", true);
            }
            col.put("entity_matching", c.entityMatching());
            col.put("format_assistance", c.formatAssistance());
        }
        return n;
    }

    private static void addSnippets(ArrayNode out, String kind, List<Snippet> snippets, List<Table> touched, Detail detail) {
        for (Snippet s : snippets) {
            if (out.size() >= detail.maxSnippets) {
                return;
            }
            String sql = SpaceConfig.text(s.sql());
            SqlMentions used = new SqlMentions(List.of(sql));
            if (touched.stream().anyMatch(t -> used.mentionsTable(t.identifier()))) {
                ObjectNode n = out.addObject();
                n.put("kind", kind);
                s.alias().ifPresent(a -> n.put("alias", a));
                s.displayName().ifPresent(d -> n.put("display_name", cut(d, 200)));
                n.put("sql", cut(sql, detail.maxText));
                if (!s.synonyms().isEmpty()) {
                    ArrayNode syn = n.putArray("synonyms");
                    s.synonyms().forEach(x -> syn.add(cut(x, 200)));
                }
                putText(n, "instruction", s.instruction(), detail.maxText);
            }
        }
    }

    private static boolean touches(List<Table> touched, String identifier) {
        return touched.stream().anyMatch(t -> t.identifier().toLowerCase(Locale.ROOT).equals(identifier.toLowerCase(Locale.ROOT)));
    }

    private static void putText(ObjectNode n, String field, List<String> text, int max) {
        String t = SpaceConfig.text(text);
        if (!t.isBlank()) {
            n.put(field, cut(t, max));
        }
    }

    /** Cuts long untrusted text; the marker tells the model (and a reader) that more existed. */
    static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + " …[cut " + (text.length() - max) + " chars]";
    }
}
