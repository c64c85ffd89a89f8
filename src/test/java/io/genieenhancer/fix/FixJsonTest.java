package io.genieenhancer.fix;

import io.genieenhancer.fix.Fix.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Fixes as JSON: every type round-trips, and hostile input costs one item, not the batch. */
class FixJsonTest {

    private static final FixMeta META = new FixMeta(List.of("q1", "q2"), List.of("because"), Confidence.MEDIUM, FixSource.RULE);

    static List<Fix> oneOfEach() {
        return List.of(
                new AddSynonym("orders", "order_amount", "revenue", META),
                new RemoveSynonym("orders", "order_amount", "sales", META),
                new SetColumnDescription("orders", "status", "Order state", META),
                new ExtendColumnDescription("orders", "status", "Lower case.", META),
                new SetTableDescription("orders", "Order lines", META),
                new AddJoinSpec("orders", "o", "customers", "c", "o.customer_id = c.customer_id", Relationship.MANY_TO_ONE,
                        "comment", "instruction", META),
                new RemoveJoinSpec("orders", "customers", "", META),
                new AddExampleSql("How many?", "SELECT COUNT(*) FROM main.sales.orders", "counts", META),
                new SetTextInstruction("Fiscal year starts April 1.", META),
                new AppendTextInstruction("More.", META),
                new AddSqlSnippet(SnippetKind.MEASURE, "Revenue", "revenue", "SUM(orders.order_amount)", List.of("sales"), "use it", META),
                new RemoveInstruction("01f0a1b2c3d4e5f60718293a4b5c6d80", META),
                new EnableEntityMatching("customers", "region", true, META),
                new EnableFormatAssistance("customers", "region", false, META));
    }

    @Test
    void everyFixTypeRoundTripsThroughJson() {
        for (Fix f : oneOfEach()) {
            String json = FixJson.write(f);
            assertTrue(json.startsWith("{\"type\":\"" + f.type() + "\""), json);
            assertEquals(f, FixJson.read(json), json);
        }
        List<Fix> all = oneOfEach();
        FixJson.Batch batch = FixJson.readAll(FixJson.writeAll(all));
        assertEquals(all, batch.fixes());
        assertEquals(List.of(), batch.errors());
    }

    @Test
    void theJsonIsFlatWithTheSeedsLogFields() {
        String json = FixJson.write(new AddSynonym("orders", "order_amount", "revenue", META));
        assertEquals("{\"type\":\"add_synonym\",\"table\":\"orders\",\"column\":\"order_amount\",\"synonym\":\"revenue\","
                + "\"question_ids\":[\"q1\",\"q2\"],\"reasoning\":[\"because\"],\"confidence\":\"medium\",\"source\":\"rule\"}", json);
    }

    @Test
    void theModelsUsualSloppinessIsAccepted() {
        Fix f = FixJson.read("""
                {"type": "add_sql_snippet", "kind": "Measures", "display_name": "Revenue", "sql": "SUM(orders.order_amount)",
                 "synonyms": "sales", "question_id": "q7", "reasoning": "one string", "confidence": "High", "source": "LLM",
                 "explanation": "an extra field the model added"}
                """);
        AddSqlSnippet s = assertInstanceOf(AddSqlSnippet.class, f);
        assertEquals(SnippetKind.MEASURE, s.kind());
        assertEquals(List.of("sales"), s.synonyms());
        assertEquals(List.of("q7"), s.meta().questionIds());
        assertEquals(List.of("one string"), s.meta().reasoning());
        assertEquals(Confidence.HIGH, s.meta().confidence());
        assertEquals(FixSource.LLM, s.meta().source());
        assertEquals("", s.alias());
        assertEquals("", s.instruction());

        AddJoinSpec j = assertInstanceOf(AddJoinSpec.class, FixJson.read("""
                {"type":"add_join_spec","left_table":"a","right_table":"b","condition":"a.x = b.x","relationship":"FROM_RELATIONSHIP_TYPE_ONE_TO_MANY"}
                """));
        assertEquals(Relationship.ONE_TO_MANY, j.relationship());
        EnableEntityMatching em = assertInstanceOf(EnableEntityMatching.class, FixJson.read("{\"type\":\"enable_entity_matching\",\"table\":\"t\",\"column\":\"c\"}"));
        assertTrue(em.enabled(), "enabled defaults to true");
        assertEquals(Confidence.LOW, em.meta().confidence(), "unsure unless told");
    }

    @Test
    void missingFieldsReadAsEmptyAndValidationSaysWhatIsMissing() {
        Fix f = FixJson.read("{\"type\":\"add_synonym\",\"table\":\"orders\",\"question_ids\":[null, \"q1\", \"\"]}");
        AddSynonym s = assertInstanceOf(AddSynonym.class, f);
        assertEquals("", s.column());
        assertEquals("", s.synonym());
        assertEquals(List.of("q1"), s.meta().questionIds());
        var space = SampleSpace.space();
        FixPlan p = FixEngine.plan(space, List.of(f), FixPolicy.defaults(space));
        List<String> rules = p.verdicts().get(0).problems().stream().map(Problem::rule).toList();
        assertTrue(rules.contains(Problem.COLUMN_EXISTS) && rules.contains(Problem.NON_EMPTY), rules.toString());
    }

    @Test
    void aBadItemGivesAnErrorForThatItemAndTheRestOfTheBatchIsRead() {
        FixJson.Batch b = FixJson.readAll("""
                {"fixes": [
                  {"type": "add_synonym", "table": "orders", "column": "order_amount", "synonym": "revenue"},
                  {"type": "make_it_better", "table": "orders"},
                  "not an object",
                  {"table": "orders"},
                  {"type": "add_join_spec", "left_table": "a", "right_table": "b", "condition": "a.x = b.x", "relationship": "sideways"},
                  {"type": "add_synonym", "table": ["orders"], "column": "c", "synonym": "s"},
                  {"type": "add_sql_snippet", "display_name": "x", "sql": "a.b > 1"},
                  {"type": "add_synonym", "table": "orders", "column": "c", "synonym": "s", "confidence": "certain"},
                  {"type": "enable_entity_matching", "table": "orders", "column": "c", "enabled": "yes"},
                  {"type": "set_text_instruction", "text": "ok"}
                ]}
                """);
        assertEquals(2, b.fixes().size());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), b.errors().stream().map(FixJson.ItemError::index).toList());
        String all = b.errors().toString();
        assertTrue(all.contains("unknown fix type \"make_it_better\"; known types: add_synonym"), all);
        assertTrue(all.contains("a fix must be a JSON object, was string"), all);
        assertTrue(all.contains("\"type\" is required"), all);
        assertTrue(all.contains("relationship must be many_to_one, one_to_many, one_to_one or many_to_many, was \"sideways\""), all);
        assertTrue(all.contains("field \"table\" has the wrong type (expected a string)"), all);
        assertTrue(all.contains("kind is required (filter, measure or expression)"), all);
        assertTrue(all.contains("confidence must be high, medium or low, was \"certain\""), all);
        assertFalse(all.contains("io.genieenhancer"), "no class names leak into item errors: " + all);
    }

    @Test
    void aDocumentThatIsNotJsonOrNotAListFailsAsAWhole() {
        FixJsonException notJson = assertThrows(FixJsonException.class, () -> FixJson.readAll("here are my fixes: [{"));
        assertEquals(-1, notJson.index());
        assertTrue(notJson.getMessage().startsWith("not valid JSON at line 1"), notJson.getMessage());
        assertThrows(FixJsonException.class, () -> FixJson.readAll("{\"fix\": {}}"));
        assertThrows(FixJsonException.class, () -> FixJson.readAll(""));
        assertThrows(FixJsonException.class, () -> FixJson.readAll("[1] [2]"));
        FixJsonException deep = assertThrows(FixJsonException.class, () -> FixJson.readAll("[".repeat(100) + "]".repeat(100)));
        assertTrue(deep.getMessage().contains("safety limit"), deep.getMessage());
    }

    @Test
    void readingOneBadFixThrowsATypedError() {
        FixJsonException e = assertThrows(FixJsonException.class, () -> FixJson.read("{\"type\":\"add_synonym\",\"synonym\":{\"a\":1}}"));
        assertTrue(e.getMessage().contains("synonym"), e.getMessage());
    }
}
