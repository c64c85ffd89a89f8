package io.genieenhancer.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON schema of the LLM analyser's reply: per failing question a diagnosis and the fixes for it, each fix a
 * flat object in the fix package's JSON form ({@code type} + that type's fields + {@code reasoning} and
 * {@code confidence}; question ids and source are set by us, not by the model).
 *
 * <p>Written in the dialect structured-output endpoints share (OpenAI strict mode and Databricks): every property
 * required, optional ones nullable ({@code ["string","null"]}), {@code additionalProperties: false}, unions as
 * {@code anyOf} with a single-valued {@code enum} as discriminator, nesting ≤ 5. Length limits are ours only
 * ({@link io.genieenhancer.llm.JsonSchemaCheck#forEndpoint} strips them before sending).
 *
 * <p>The fix types offered are the additive and local ones. Removing instructions or replacing the whole text
 * instruction is left to people: an LLM that misreads one failure must not delete what serves the others.
 */
public final class FixSchema {

    public static final String NAME = "genie_space_fixes";
    /** A table, column, synonym, alias or display name longer than this is not a name (as the fix engine says). */
    static final int MAX_NAME = 255;
    /** Descriptions, instructions, SQL: the engine's value limit; longer is not a fix but a dump. */
    static final int MAX_TEXT = 10_000;
    static final int MAX_REASONING = 2_000;
    static final int MAX_FIXES_PER_QUESTION = 10;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A fix type the model may propose: its JSON name, what it does, and its own fields in order. */
    public record FixType(String name, String purpose, Map<String, JsonNode> fields) {
    }

    private static final List<FixType> TYPES = List.of(
            type("add_synonym", "Add a synonym to a column: the question used a word for a column that Genie did not map.",
                    "table", name(), "column", name(), "synonym", name()),
            type("remove_synonym", "Remove a misleading synonym from a column (e.g. one that points Genie to the wrong column).",
                    "table", name(), "column", name(), "synonym", name()),
            type("set_column_description", "Replace a column's description (units, meaning, allowed values, how to use it).",
                    "table", name(), "column", name(), "description", text()),
            type("extend_column_description", "Append a sentence to a column's description.",
                    "table", name(), "column", name(), "description", text()),
            type("set_table_description", "Replace a table's description (grain: what one row is, when to use the table).",
                    "table", name(), "description", text()),
            type("add_join_spec", "Declare how two tables join. condition: equalities between a column of each side joined by AND, "
                    + "qualified by alias or table name, e.g. fact.dim_id = dim.dim_id (placeholder names). relationship: from left to right.",
                    "left_table", name(), "left_alias", nullable(name()), "right_table", name(), "right_alias", nullable(name()),
                    "condition", text(), "relationship", enumOf("many_to_one", "one_to_many", "one_to_one", "many_to_many"),
                    "comment", nullable(text()), "instruction", nullable(text())),
            type("add_example_sql", "Add an example question with its SQL, as a reusable pattern. Never the failing benchmark "
                    + "question or its expected SQL (it would be rejected as leakage): a different question of the same kind.",
                    "question", text(), "sql", text(), "usage_guidance", nullable(text())),
            type("append_text_instruction", "Append a short paragraph of business rules to the space's text instruction.",
                    "text", text()),
            type("add_sql_snippet", "Add a reusable SQL snippet: a filter (boolean condition without WHERE), a measure (aggregate) "
                    + "or an expression, with table-qualified columns (table.column).",
                    "kind", enumOf("filter", "measure", "expression"), "display_name", name(), "alias", nullable(name()),
                    "sql", text(), "synonyms", arrayOf(name()), "instruction", nullable(text())),
            type("enable_entity_matching", "Turn entity matching of a column on (Genie then maps spelled-out values in questions "
                    + "to the column's real values, e.g. 'California' -> 'CA') or off.",
                    "table", name(), "column", name(), "enabled", bool()),
            type("enable_format_assistance", "Turn format assistance of a column on or off (Genie sees example values and their format).",
                    "table", name(), "column", name(), "enabled", bool()));

    private FixSchema() {
    }

    public static List<FixType> types() {
        return TYPES;
    }

    /** The reply schema, with our local limits (check with JsonSchemaCheck; send JsonSchemaCheck.forEndpoint of it). */
    public static ObjectNode reply() {
        ArrayNode branches = JSON.arrayNode();
        for (FixType t : TYPES) {
            ObjectNode props = JSON.objectNode();
            props.set("type", enumOf(t.name()));
            t.fields().forEach(props::set);
            props.set("reasoning", text(MAX_REASONING));
            props.set("confidence", enumOf("high", "medium", "low"));
            branches.add(object(props));
        }
        ObjectNode fixes = JSON.objectNode();
        fixes.put("type", "array");
        fixes.put("maxItems", MAX_FIXES_PER_QUESTION);
        fixes.set("items", JSON.objectNode().set("anyOf", branches));

        ObjectNode analysis = JSON.objectNode();
        analysis.set("question_id", name());
        analysis.set("diagnosis", text(MAX_REASONING));
        analysis.set("fixes", fixes);

        ObjectNode analyses = JSON.objectNode();
        analyses.put("type", "array");
        analyses.set("items", object(analysis));

        ObjectNode root = JSON.objectNode();
        root.set("analyses", analyses);
        return object(root);
    }

    private static FixType type(String name, String purpose, Object... fieldPairs) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldPairs.length; i += 2) {
            fields.put((String) fieldPairs[i], (JsonNode) fieldPairs[i + 1]);
        }
        return new FixType(name, purpose, fields);
    }

    private static ObjectNode object(ObjectNode properties) {
        ObjectNode o = JSON.objectNode();
        o.put("type", "object");
        o.set("properties", properties);
        ArrayNode required = o.putArray("required");
        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        names.forEach(required::add);
        o.put("additionalProperties", false);
        return o;
    }

    private static ObjectNode name() {
        return JSON.objectNode().put("type", "string").put("maxLength", MAX_NAME);
    }

    private static ObjectNode text() {
        return text(MAX_TEXT);
    }

    private static ObjectNode text(int max) {
        return JSON.objectNode().put("type", "string").put("maxLength", max);
    }

    private static ObjectNode bool() {
        return JSON.objectNode().put("type", "boolean");
    }

    private static ObjectNode nullable(ObjectNode schema) {
        ObjectNode copy = schema.deepCopy();
        ArrayNode types = JSON.arrayNode().add(schema.get("type").asText()).add("null");
        copy.set("type", types);
        return copy;
    }

    private static ObjectNode arrayOf(ObjectNode items) {
        ObjectNode a = JSON.objectNode().put("type", "array").put("maxItems", 20);
        a.set("items", items);
        return a;
    }

    private static ObjectNode enumOf(String... values) {
        ObjectNode e = JSON.objectNode().put("type", "string");
        ArrayNode allowed = e.putArray("enum");
        for (String v : values) {
            allowed.add(v);
        }
        return e;
    }
}
