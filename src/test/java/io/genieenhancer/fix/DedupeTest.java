package io.genieenhancer.fix;

import io.genieenhancer.fix.Fix.*;
import io.genieenhancer.space.SpaceConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Repeated and near-duplicate proposals become one fix; contradictions are reported, never resolved. */
class DedupeTest {

    private final SpaceConfig space = SampleSpace.space();

    private FixPlan plan(Fix... fixes) {
        return FixEngine.plan(space, List.of(fixes), FixPolicy.defaults(space));
    }

    private static FixMeta meta(Confidence c, String reason, String question) {
        return FixMeta.of(c, FixSource.LLM, reason, question);
    }

    @Test
    void theSameSynonymFromThreeFailuresBecomesOneFixWithEveryQuestionIdAndReason() {
        FixPlan p = plan(
                new AddSynonym("orders", "order_amount", "turnover amount", meta(Confidence.MEDIUM, "q1 said turnover amount", "q1")),
                new AddSynonym("main.sales.orders", "order_amount", "turnover amount", meta(Confidence.HIGH, "q2 said it too", "q2")),
                new AddSynonym("orders", "order_amount", "turnover amount", meta(Confidence.LOW, "q3 said it too", "q3")));
        assertEquals(3, p.proposed());
        assertEquals(1, p.verdicts().size());
        FixVerdict v = p.verdicts().get(0);
        assertEquals(3, v.proposals());
        assertEquals(FixVerdict.Status.VALID, v.status());
        // the most confident proposal is the representative; the others' ids and reasons are kept in order
        assertEquals(Confidence.HIGH, v.fix().meta().confidence());
        assertEquals(List.of("q2", "q1", "q3"), v.fix().meta().questionIds());
        assertEquals(List.of("q2 said it too", "q1 said turnover amount", "q3 said it too"), v.fix().meta().reasoning());
    }

    @Test
    void caseWhitespaceAndPluralVariantsOfASynonymAreOneFix() {
        FixPlan p = plan(
                new AddSynonym("orders", "order_amount", "Gross Bookings", meta(Confidence.HIGH, "a", "q1")),
                new AddSynonym("orders", "ORDER_AMOUNT", "  gross   booking ", meta(Confidence.HIGH, "b", "q2")),
                new AddSynonym("`main`.`sales`.`orders`", "order_amount", "gross bookings.", meta(Confidence.HIGH, "c", "q3")));
        assertEquals(1, p.verdicts().size());
        assertEquals("add_synonym:main.sales.orders.order_amount:gross booking", p.verdicts().get(0).key());
        assertEquals("Gross Bookings", ((AddSynonym) p.verdicts().get(0).fix()).synonym());
        SpaceConfig out = FixEngine.apply(space, p).config();
        assertEquals(List.of("revenue", "sales", "Gross Bookings"), FixTypesTest.column(out, "main.sales.orders", "order_amount").synonyms());
    }

    @Test
    void aJoinWrittenInTheOtherDirectionIsTheSameJoin() {
        FixPlan p = plan(
                new AddJoinSpec("orders", "o", "products", "p", "o.product_id = p.product_id", Relationship.MANY_TO_ONE, "", "",
                        meta(Confidence.HIGH, "a", "q1")),
                new AddJoinSpec("main.sales.products", "", "main.sales.orders", "", "orders.product_id = products.product_id",
                        Relationship.ONE_TO_MANY, "", "", meta(Confidence.MEDIUM, "b", "q2")),
                new AddJoinSpec("products", "pr", "orders", "ord", "`pr`.`product_id` = `ord`.`product_id`",
                        Relationship.ONE_TO_MANY, "", "", meta(Confidence.LOW, "c", "q3")));
        assertEquals(1, p.verdicts().size(), p.verdicts().toString());
        assertEquals(List.of("q1", "q2", "q3"), p.verdicts().get(0).fix().meta().questionIds());
        assertTrue(p.conflicts().isEmpty());
    }

    @Test
    void twoExampleSqlsForTheSameQuestionAreOneFixKeepingTheMoreConfidentSql() {
        String weak = "SELECT COUNT(*) FROM main.sales.orders";
        String strong = "SELECT COUNT(DISTINCT o.order_id) FROM main.sales.orders o";
        FixPlan p = plan(
                new AddExampleSql("How many orders were placed?", weak, "", meta(Confidence.LOW, "weak", "q1")),
                new AddExampleSql("how many orders were placed", strong, "", meta(Confidence.HIGH, "strong", "q2")));
        assertEquals(1, p.verdicts().size());
        AddExampleSql kept = (AddExampleSql) p.verdicts().get(0).fix();
        assertEquals(strong, kept.sql());
        assertEquals(List.of("strong", "weak"), kept.meta().reasoning());
        assertEquals(List.of("q2", "q1"), kept.meta().questionIds());
    }

    @Test
    void oneSynonymProposedForTwoColumnsIsAConflictAndNeitherIsApplied() {
        FixPlan p = plan(
                new AddSynonym("orders", "order_amount", "spend", meta(Confidence.HIGH, "a", "q1")),
                new AddSynonym("customers", "segment", "Spend", meta(Confidence.HIGH, "b", "q2")),
                new AddSynonym("orders", "status", "state", meta(Confidence.HIGH, "c", "q3")));
        assertEquals(1, p.conflicts().size());
        Conflict c = p.conflicts().get(0);
        assertEquals("synonym \"spend\"", c.subject());
        assertTrue(c.reason().contains("main.sales.orders.order_amount") && c.reason().contains("main.sales.customers.segment"), c.reason());
        assertEquals(2, c.keys().size());
        assertEquals(2, p.withStatus(FixVerdict.Status.CONFLICT).size());
        assertEquals(List.of("add_synonym:main.sales.orders.status:state"), p.validKeys());
        assertEquals(Problem.CONFLICT, p.withStatus(FixVerdict.Status.CONFLICT).get(0).problems().get(0).rule());
    }

    @Test
    void twoDifferentDescriptionsForOneColumnAreAConflict() {
        FixPlan p = plan(
                new SetColumnDescription("orders", "status", "Order state: open, shipped, cancelled", meta(Confidence.HIGH, "a", "q1")),
                new SetColumnDescription("orders", "status", "Shipping status of the order", meta(Confidence.LOW, "b", "q2")));
        assertEquals(1, p.conflicts().size());
        assertEquals("description of main.sales.orders.status", p.conflicts().get(0).subject());
        assertTrue(p.accepted().isEmpty());
    }

    @Test
    void theSameDescriptionProposedTwiceIsNoConflict() {
        FixPlan p = plan(
                new SetColumnDescription("orders", "status", "Order state: open, shipped", meta(Confidence.HIGH, "a", "q1")),
                new SetColumnDescription("orders", "STATUS", "order state:  open, shipped", meta(Confidence.HIGH, "b", "q2")));
        assertTrue(p.conflicts().isEmpty());
        assertEquals(1, p.accepted().size());
    }

    @Test
    void oneJoinWithTwoRelationshipsIsAConflict() {
        FixPlan p = plan(
                new AddJoinSpec("orders", "", "products", "", "orders.product_id = products.product_id", Relationship.MANY_TO_ONE, "", "",
                        meta(Confidence.HIGH, "a", "q1")),
                new AddJoinSpec("orders", "", "products", "", "orders.product_id = products.product_id", Relationship.ONE_TO_ONE, "", "",
                        meta(Confidence.HIGH, "b", "q2")));
        assertEquals(1, p.conflicts().size());
        assertTrue(p.accepted().isEmpty());
    }

    @Test
    void addingAndRemovingTheSameSynonymOnOneColumnIsAConflict() {
        FixPlan p = plan(
                new AddSynonym("orders", "order_amount", "gmv", meta(Confidence.HIGH, "a", "q1")),
                new RemoveSynonym("orders", "order_amount", "GMV", meta(Confidence.HIGH, "b", "q2")));
        assertEquals(1, p.conflicts().size());
    }

    @Test
    void enablingEntityMatchingWhileDisablingFormatAssistanceIsAConflict() {
        FixPlan p = plan(
                new EnableEntityMatching("orders", "status", true, meta(Confidence.HIGH, "a", "q1")),
                new EnableFormatAssistance("orders", "status", false, meta(Confidence.HIGH, "b", "q2")));
        assertEquals(1, p.conflicts().size());
        assertEquals("format assistance of main.sales.orders.status", p.conflicts().get(0).subject());
    }

    @Test
    void twoSnippetsWithOneDisplayNameButDifferentSqlAreAConflict() {
        FixPlan p = plan(
                new AddSqlSnippet(SnippetKind.MEASURE, "Order Count", "", "COUNT(orders.order_id)", List.of(), "", meta(Confidence.HIGH, "a", "q1")),
                new AddSqlSnippet(SnippetKind.MEASURE, "order count", "", "COUNT(DISTINCT orders.order_id)", List.of(), "", meta(Confidence.HIGH, "b", "q2")));
        assertEquals(1, p.conflicts().size());
    }

    @Test
    void twoDifferentTextInstructionsToSetAreAConflictButAppendsCombine() {
        FixPlan p = plan(
                new SetTextInstruction("Fiscal year starts July 1.", meta(Confidence.HIGH, "a", "q1")),
                new SetTextInstruction("Fiscal year starts October 1.", meta(Confidence.HIGH, "b", "q2")),
                new AppendTextInstruction("Revenue means order_amount.", meta(Confidence.HIGH, "c", "q3")),
                new AppendTextInstruction("Customers are accounts.", meta(Confidence.HIGH, "d", "q4")));
        assertEquals(1, p.conflicts().size());
        assertEquals(2, p.accepted().size());
    }

    @Test
    void applyingContradictoryFixesDirectlyFailsAndNamesTheConflict() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(FixApplyException.class, () -> FixEngine.apply(space, List.of(
                new SetTableDescription("orders", "one", meta(Confidence.HIGH, "a", "q1")),
                new SetTableDescription("orders", "two", meta(Confidence.HIGH, "b", "q2")))));
        assertEquals(Problem.CONFLICT, e.violations().get(0).rule());
    }
}
