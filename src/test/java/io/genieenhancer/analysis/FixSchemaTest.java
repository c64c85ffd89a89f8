package io.genieenhancer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixJson;
import io.genieenhancer.llm.JsonSchemaCheck;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

class FixSchemaTest {

    private static final JsonNode FIX_SCHEMA = AnalysisPrompt.SCHEMA.path("properties").path("analyses").path("items")
            .path("properties").path("fixes").path("items");

    @Test
    void everyOfferedTypeHasExactlyTheFieldsOfItsFixRecord() throws Exception {
        for (FixSchema.FixType t : FixSchema.types()) {
            Class<?> record = fixClass(t.name());
            Set<String> recordFields = Arrays.stream(record.getRecordComponents())
                    .map(RecordComponent::getName)
                    .filter(n -> !n.equals("meta"))
                    .map(FixSchemaTest::snake)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(recordFields, new TreeSet<>(t.fields().keySet()), t.name() + " schema fields vs " + record.getSimpleName());
        }
    }

    @Test
    void aFullySpecifiedFixOfEveryTypePassesTheSchemaAndTheFixReader() {
        for (FixSchema.FixType t : FixSchema.types()) {
            ObjectNode fix = sample(t);
            assertEquals(Optional.empty(), JsonSchemaCheck.firstProblem(FIX_SCHEMA, fix), t.name());
            Fix read = FixJson.read(fix.toString());
            assertEquals(t.name(), read.type());
        }
    }

    @Test
    void theSchemaSentToTheEndpointUsesOnlyTheStrictDialect() {
        JsonNode wire = JsonSchemaCheck.forEndpoint(AnalysisPrompt.SCHEMA);
        assertFalse(wire.toString().contains("maxLength"));
        assertFalse(wire.toString().contains("maxItems"));
        assertStrictObjects(wire);
    }

    @Test
    void theSchemaNamesAWrongFieldOfAFix() {
        ObjectNode fix = sample(FixSchema.types().get(0));
        fix.remove("column");
        assertEquals(Optional.of("$.column is missing"), JsonSchemaCheck.firstProblem(FIX_SCHEMA, fix));

        ObjectNode other = sample(FixSchema.types().get(0));
        other.put("type", "drop_table");
        assertTrue(JsonSchemaCheck.firstProblem(FIX_SCHEMA, other).orElseThrow().startsWith("$.type must be one of [add_synonym"));

        ObjectNode extra = sample(FixSchema.types().get(0));
        extra.put("sql", "DROP TABLE x");
        assertEquals(Optional.of("$ has an unexpected field \"sql\""), JsonSchemaCheck.firstProblem(FIX_SCHEMA, extra));
    }

    private static void assertStrictObjects(JsonNode node) {
        if (node.isObject()) {
            if ("object".equals(node.path("type").asText())) {
                Set<String> props = new TreeSet<>();
                node.path("properties").fieldNames().forEachRemaining(props::add);
                Set<String> required = new TreeSet<>();
                node.path("required").forEach(r -> required.add(r.asText()));
                assertEquals(props, required, "every property is required in strict mode");
                assertEquals(false, node.path("additionalProperties").asBoolean(true));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                assertStrictObjects(it.next().getValue());
            }
        } else if (node.isArray()) {
            node.forEach(FixSchemaTest::assertStrictObjects);
        }
    }

    static ObjectNode sample(FixSchema.FixType t) {
        ObjectNode fix = JsonNodeFactory.instance.objectNode();
        fix.put("type", t.name());
        t.fields().forEach((name, schema) -> {
            JsonNode e = schema.path("enum");
            String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
            if (e.isArray()) {
                fix.set(name, e.get(0));
            } else if (type.equals("boolean")) {
                fix.put(name, true);
            } else if (type.equals("array")) {
                fix.putArray(name).add("sample");
            } else {
                fix.put(name, switch (name) {
                    case "condition" -> "orders.customer_id = customers.customer_id";
                    case "sql" -> "SELECT 1";
                    default -> "sample " + name;
                });
            }
        });
        fix.put("reasoning", "because");
        fix.put("confidence", "high");
        return fix;
    }

    private static Class<?> fixClass(String type) throws Exception {
        for (Class<?> c : records(Fix.class)) {
            if (type.equals(c.getField("TYPE").get(null))) {
                return c;
            }
        }
        throw new AssertionError("no Fix record for " + type);
    }

    /** The fix records: Fix's sealed hierarchy down to its records (some sit under Fix.ColumnFix and the like). */
    private static java.util.List<Class<?>> records(Class<?> sealed) {
        java.util.List<Class<?>> out = new java.util.ArrayList<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isRecord()) {
                out.add(c);
            } else {
                out.addAll(records(c));
            }
        }
        return out;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
