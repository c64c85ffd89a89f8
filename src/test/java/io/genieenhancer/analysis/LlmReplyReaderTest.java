package io.genieenhancer.analysis;

import static io.genieenhancer.analysis.Retail.SYNONYM_FIX;
import static io.genieenhancer.analysis.Retail.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixSource;

import org.junit.jupiter.api.Test;

import java.util.List;

class LlmReplyReaderTest {

    private static final List<String> BATCH = List.of("q1", "q2");

    private static LlmReplyReader.Read read(String content) {
        return LlmReplyReader.read(content, false, BATCH, Confidence.MEDIUM);
    }

    @Test
    void aValidReplyGivesTypedFixesTaggedWithTheQuestionAndTheLlmSource() {
        LlmReplyReader.Read r = read(reply("q1", "[" + SYNONYM_FIX + "]"));

        assertEquals(1, r.fixes().size());
        Fix.AddSynonym fix = assertInstanceOf(Fix.AddSynonym.class, r.fixes().get(0));
        assertEquals("main.retail.orders", fix.table());
        assertEquals("order_amount", fix.column());
        assertEquals("revenue", fix.synonym());
        assertEquals(List.of("q1"), fix.meta().questionIds());
        assertEquals(FixSource.LLM, fix.meta().source());
        assertEquals(Confidence.HIGH, fix.meta().confidence());
        assertTrue(fix.meta().reasoning().get(1).startsWith("diagnosis: The question says revenue"));
        assertEquals(List.of("question q2: the LLM returned no analysis for it"), r.rejected());
    }

    @Test
    void theModelCannotAttributeFixesToOtherQuestionsOrClaimToBeTheRuleAnalyser() {
        String fix = SYNONYM_FIX.replace("\"confidence\"", "\"question_ids\":[\"q-other\"],\"source\":\"rule\",\"confidence\"");
        LlmReplyReader.Read r = read(reply("q1", "[" + fix + "]"));

        // the schema forbids the extra fields: the fix is refused rather than silently re-labelled
        assertEquals(0, r.fixes().size());
        assertTrue(r.rejected().get(0).startsWith("question q1, fix 0 (add_synonym): fix has an unexpected field \"question_ids\""),
                r.rejected().get(0));
    }

    @Test
    void aReplyWrappedInAMarkdownFenceIsStillRead() {
        assertEquals(1, read("```json\n" + reply("q1", "[" + SYNONYM_FIX + "]") + "\n```").fixes().size());
    }

    @Test
    void aReplyThatIsNotJsonGivesNoFixesAndOneReason() {
        LlmReplyReader.Read r = read("Sure! Here are my suggestions: add a synonym.");

        assertEquals(0, r.fixes().size());
        assertEquals(1, r.rejected().size());
        assertTrue(r.rejected().get(0).startsWith("LLM batch [q1, q2]: the reply is not JSON"), r.rejected().get(0));
    }

    @Test
    void aTruncatedReplySaysItWasCutAtMaxTokens() {
        String whole = reply("q1", "[" + SYNONYM_FIX + "]");
        LlmReplyReader.Read r = LlmReplyReader.read(whole.substring(0, whole.length() / 2), true, BATCH, Confidence.MEDIUM);

        assertEquals(0, r.fixes().size());
        assertEquals(List.of("LLM batch [q1, q2]: the reply was cut at max_tokens before the JSON ended "
                + "(raise enhancer.llm.max-tokens or lower batch-size)"), r.rejected());
    }

    @Test
    void aReplyOfTheWrongShapeIsRejectedAsAWhole() {
        LlmReplyReader.Read r = read("{\"fixes\":[" + SYNONYM_FIX + "]}");

        assertEquals(0, r.fixes().size());
        assertEquals(List.of("LLM batch [q1, q2]: the reply does not follow the schema: expected an object with an "
                + "\"analyses\" array, got fields [fixes]"), r.rejected());
        assertEquals("LLM batch [q1, q2]: the reply does not follow the schema: expected an object with an \"analyses\" "
                + "array, got array", read("[1,2]").rejected().get(0));
    }

    @Test
    void oneBadFixCostsOnlyItselfAndSaysWhatIsWrong() {
        String missingColumn = SYNONYM_FIX.replace("\"column\":\"order_amount\",", "");
        String unknownType = "{\"type\":\"drop_table\",\"table\":\"main.retail.orders\",\"reasoning\":\"x\",\"confidence\":\"high\"}";
        String badEnum = SYNONYM_FIX.replace("\"high\"", "\"certain\"");
        String notAnObject = "\"add a synonym\"";
        String tooLong = SYNONYM_FIX.replace("\"synonym\":\"revenue\"", "\"synonym\":\"" + "x".repeat(300) + "\"");
        LlmReplyReader.Read r = read(reply("q1", "[" + String.join(",", missingColumn, unknownType, badEnum, notAnObject,
                tooLong, SYNONYM_FIX) + "]"));

        assertEquals(1, r.fixes().size(), "the one good fix survives");
        assertEquals(List.of(
                "question q1, fix 0 (add_synonym): fix.column is missing",
                "question q1, fix 1 (drop_table): fix.type must be one of [add_synonym, remove_synonym, set_column_description, "
                        + "extend_column_description, set_table_description, add_join_spec, add_example_sql, append_text_instruction, "
                        + "add_sql_snippet, enable_entity_matching, enable_format_assistance], was \"drop_table\"",
                "question q1, fix 2 (add_synonym): fix.confidence must be one of [\"high\",\"medium\",\"low\"], was \"certain\"",
                "question q1, fix 3: fix must be an object, was \"add a synonym\"",
                "question q1, fix 4 (add_synonym): fix.synonym is longer than 255 characters (300)",
                "question q2: the LLM returned no analysis for it"), r.rejected());
    }

    @Test
    void analysesForQuestionsOutsideTheBatchAreIgnored() {
        LlmReplyReader.Read r = read(reply("q9", "[" + SYNONYM_FIX + "]"));

        assertEquals(0, r.fixes().size());
        assertTrue(r.rejected().get(0).startsWith("analyses[0]: question_id \"q9\" is not one of this batch's questions [q1, q2]"));
    }

    @Test
    void fixesBelowTheMinimumConfidenceAreDroppedWithAReason() {
        String low = SYNONYM_FIX.replace("\"high\"", "\"low\"");
        LlmReplyReader.Read r = read(reply("q1", "[" + low + "]"));

        assertEquals(0, r.fixes().size());
        assertEquals("question q1, fix 0 (add_synonym): confidence low is below enhancer.analysis.min-confidence medium",
                r.rejected().get(0));
        assertEquals(1, LlmReplyReader.read(reply("q1", "[" + low + "]"), false, BATCH, Confidence.LOW).fixes().size());
    }

    @Test
    void nullOptionalFieldsAreRead() {
        String join = "{\"type\":\"add_join_spec\",\"left_table\":\"main.retail.orders\",\"left_alias\":null,"
                + "\"right_table\":\"main.retail.customers\",\"right_alias\":null,"
                + "\"condition\":\"orders.customer_id = customers.customer_id\",\"relationship\":\"many_to_one\","
                + "\"comment\":null,\"instruction\":null,\"reasoning\":\"join missing\",\"confidence\":\"medium\"}";
        LlmReplyReader.Read r = read(reply("q1", "[" + join + "]"));

        Fix.AddJoinSpec fix = assertInstanceOf(Fix.AddJoinSpec.class, r.fixes().get(0));
        assertEquals("", fix.leftAlias());
        assertEquals("main.retail.customers", fix.rightTable());
    }

    @Test
    void moreThanTenFixesForOneQuestionAreCut() {
        String many = String.join(",", java.util.Collections.nCopies(12, SYNONYM_FIX));
        LlmReplyReader.Read r = read(reply("q1", "[" + many + "]"));

        assertEquals(10, r.fixes().size());
        assertTrue(r.rejected().contains("question q1: 2 fixes beyond the first 10 ignored"));
    }

    @Test
    void deeplyNestedJunkIsRefusedWithoutCrashing() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        LlmReplyReader.Read r = read(deep);

        assertEquals(0, r.fixes().size());
        assertTrue(r.rejected().get(0).startsWith("LLM batch [q1, q2]: the reply is not JSON"), r.rejected().get(0));
    }
}
