package io.genieenhancer.fix;

import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.fix.Fix.*;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.space.SpaceRules;
import io.genieenhancer.space.Violation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Apply-all: one pure function, idempotent, all-or-nothing, and its log and diff. */
class ApplyTest {

    private final SpaceConfig space = SampleSpace.space();

    private static FixMeta why(String reason, String... questions) {
        return FixMeta.of(Confidence.HIGH, FixSource.LLM, reason, questions);
    }

    private List<Fix> batch() {
        return List.of(
                new AddSynonym("orders", "order_amount", "turnover amount", why("q1 says turnover amount", "q1")),
                new AddSynonym("orders", "order_amount", "Turnover Amounts", why("q2 too", "q2")),
                new SetColumnDescription("orders", "status", "Order state: open, shipped, cancelled", why("status values", "q3")),
                new SetTableDescription("products", "One row per product", why("products undocumented", "q4")),
                new AddJoinSpec("orders", "", "products", "", "orders.product_id = products.product_id", Relationship.MANY_TO_ONE,
                        "", "", why("no join to products", "q5")),
                new AddExampleSql("Orders per product category", "SELECT p.category, COUNT(*) FROM main.sales.orders o "
                        + "JOIN main.sales.products p ON o.product_id = p.product_id GROUP BY p.category", "", why("category counts", "q6")),
                new AppendTextInstruction("A 'big' order is one above 1000 USD.", why("big orders", "q7")),
                new AddSqlSnippet(SnippetKind.FILTER, "open orders", "", "orders.status = 'open'", List.of("pending"), "", why("open", "q8")),
                new EnableEntityMatching("orders", "status", true, why("status values misspelt", "q9")),
                new RemoveSynonym("customers", "region", "area", why("area is ambiguous", "q10")));
    }

    @Test
    void applyingTheSameFixesTwiceIsANoOpTheSecondTime() {
        FixPlan plan = FixEngine.plan(space, batch(), FixPolicy.defaults(space));
        assertTrue(plan.allValid(), plan.rejected().toString());
        ApplyResult first = FixEngine.apply(space, plan);
        assertEquals(9, first.applied().size());
        ApplyResult second = FixEngine.apply(first.config(), plan);
        assertTrue(second.unchanged());
        assertEquals(9, second.outcomes().size());
        assertEquals(first.config(), second.config());
        assertEquals(SpaceJson.print(first.config()), SpaceJson.print(second.config()));
        assertTrue(second.diff().isEmpty());
    }

    @Test
    void theResultDoesNotDependOnTheOrderOfTheFixes() {
        List<Fix> shuffled = new ArrayList<>(batch());
        Collections.shuffle(shuffled, new Random(7));
        String a = SpaceJson.print(FixEngine.apply(space, FixEngine.plan(space, batch(), FixPolicy.defaults(space))).config());
        String b = SpaceJson.print(FixEngine.apply(space, FixEngine.plan(space, shuffled, FixPolicy.defaults(space))).config());
        assertEquals(a, b);
    }

    @Test
    void theAppliedConfigRoundTripsThroughTheServersRules() {
        ApplyResult r = FixEngine.apply(space, FixEngine.plan(space, batch(), FixPolicy.defaults(space)));
        String printed = SpaceJson.print(r.config());
        SpaceConfig reread = SpaceJson.parse(printed);
        assertEquals(List.of(), SpaceRules.validate(reread));
        assertEquals(reread, SpaceRules.canonical(reread), "already in canonical order");
        assertEquals(printed, SpaceJson.print(reread));
        // the new ids are valid, unique across instruction kinds and after every existing id
        List<String> ids = reread.instructionIds().toList();
        assertEquals(ids.size(), ids.stream().distinct().count());
        assertTrue(reread.instructionIds().allMatch(id -> id.matches("[0-9a-f]{32}")));
    }

    @Test
    void unknownFieldsOfTheInputSurviveTheApply() {
        ApplyResult r = FixEngine.apply(space, FixEngine.plan(space, batch(), FixPolicy.defaults(space)));
        String printed = SpaceJson.print(r.config());
        for (String field : List.of("\"x_top_level\":{\"keep\":true}", "\"x_sample\":1", "\"x_config\":\"c\"", "\"x_table\":[1,2]",
                "\"x_column\":{\"deep\":[\"a\"]}", "\"x_data_sources\":\"d\"", "\"x_text\":\"t\"", "\"x_example\":true",
                "\"x_join\":\"j\"", "\"x_snippets\":3")) {
            assertTrue(printed.contains(field), field);
        }
    }

    @Test
    void aFinalConfigThatBreaksTheServersRulesIsRefusedListingEveryProblem() {
        List<Fix> bad = new ArrayList<>();
        bad.add(new SetColumnDescription("orders", "status", "x".repeat(26_000), why("too long", "q1")));
        for (int i = 0; i < 100; i++) {
            bad.add(new AddExampleSql("How many orders have code " + i + "?", "SELECT COUNT(*) FROM main.sales.orders o WHERE o.order_id = " + i,
                    "", why("many", "q" + i)));
        }
        bad.add(new AddSynonym("orders", "no_such_column", "ghost", why("ghost", "q0")));
        bad.add(new AddJoinSpec("orders", "", "products", "", "orders.product_id > products.product_id", Relationship.MANY_TO_ONE,
                "", "", why("bad join", "q0")));
        FixApplyException e = assertThrows(FixApplyException.class, () -> FixEngine.apply(space, bad));
        List<String> rules = e.violations().stream().map(Violation::rule).toList();
        assertTrue(rules.contains("string-length"), rules.toString());
        assertTrue(rules.contains("instruction-slot-budget"), rules.toString());
        assertTrue(rules.contains(Problem.COLUMN_EXISTS), rules.toString());
        assertTrue(rules.contains(Problem.JOIN_FORM), rules.toString());
        assertEquals(ErrorCode.InvalidSpaceConfig, e.code());
        assertTrue(e.getMessage().startsWith("[InvalidSpaceConfig] "), e.getMessage());
    }

    @Test
    void moreThanTwoHundredSnippetsAreRefusedWhenAppliedWithoutAPlan() {
        List<Fix> bad = new ArrayList<>();
        for (int i = 0; i < 198; i++) {
            bad.add(new AddSqlSnippet(SnippetKind.MEASURE, "m" + i, "", "SUM(orders.order_amount) * " + i, List.of(), "", why("", "q")));
        }
        FixApplyException e = assertThrows(FixApplyException.class, () -> FixEngine.apply(space, bad));
        assertEquals(List.of("snippet-budget"), e.violations().stream().map(Violation::rule).toList());
    }

    @Test
    void aSynonymClaimedByTwoColumnsIsRefusedWhenAppliedWithoutAPlan() {
        FixApplyException e = assertThrows(FixApplyException.class, () -> FixEngine.apply(space,
                List.of(new AddSynonym("customers", "segment", "territory", why("", "q")))));
        assertEquals(Problem.SYNONYM_UNIQUE, e.violations().get(0).rule());
    }

    @Test
    void violationsTheInputAlreadyHadAreNotBlamedOnTheFixes() {
        // entity matching without format assistance: the input already breaks that rule
        SpaceConfig odd = space.withDataSources(space.dataSources().withTables(space.dataSources().tables().stream()
                .map(t -> t.withColumn("segment", c -> c.withEntityMatching(true))).toList()));
        assertFalse(SpaceRules.validate(odd).isEmpty());
        ApplyResult r = FixEngine.apply(odd, List.of(new AddSynonym("orders", "status", "state", why("", "q"))));
        assertEquals(1, r.applied().size());
    }

    @Test
    void twoTextAppendsInOneBatchStillGiveOneTextInstruction() {
        SpaceConfig bare = space.withInstructions(space.instructions().withTextInstructions(List.of()));
        ApplyResult r = FixEngine.apply(bare, List.of(
                new AppendTextInstruction("First rule.", why("", "q1")),
                new AppendTextInstruction("Second rule.", why("", "q2"))));
        assertEquals(1, r.config().instructions().textInstructions().size());
        assertEquals("First rule.\nSecond rule.\n", SpaceConfig.text(r.config().instructions().textInstructions().get(0).content()));
    }

    @Test
    void newIdsAreDeterministic() {
        FixPlan plan = FixEngine.plan(space, batch(), FixPolicy.defaults(space));
        assertEquals(FixEngine.apply(space, plan).config(), FixEngine.apply(space, plan).config());
    }

    @Test
    void theFixLogCountsByTypeAndKeepsEveryVerdict() {
        List<Fix> proposals = new ArrayList<>(batch());
        proposals.add(new AddSynonym("orders", "nope", "ghost", why("", "q11")));
        proposals.add(new SetTableDescription("customers", "A", why("", "q12")));
        proposals.add(new SetTableDescription("customers", "B", why("", "q13")));
        FixPlan plan = FixEngine.plan(space, proposals, FixPolicy.defaults(space));
        ApplyResult r = FixEngine.apply(space, plan);
        FixLog log = FixLog.of(plan, r);
        assertEquals(13, log.proposed());
        assertEquals(12, log.unique());
        assertEquals(9, log.valid());
        assertEquals(9, log.applied());
        assertEquals(1, log.invalid());
        assertEquals(2, log.conflicts());
        assertEquals(1, log.byType().get(AddSynonym.TYPE));
        assertEquals(1, log.byType().get(RemoveSynonym.TYPE));
        assertEquals(9, log.byType().values().stream().mapToInt(Integer::intValue).sum());
        FixLog.Entry merged = log.entries().get(0);
        assertEquals(List.of("q1", "q2"), merged.meta().questionIds());
        assertEquals(2, merged.proposals());
        assertEquals(FixLog.Outcome.APPLIED, merged.outcome());
        FixLog.Entry ghost = log.entries().stream().filter(e -> e.status() == FixVerdict.Status.INVALID).findFirst().orElseThrow();
        assertEquals(FixLog.Outcome.NOT_APPLIED, ghost.outcome());
        assertEquals(Problem.COLUMN_EXISTS, ghost.problems().get(0).rule());
        assertEquals(r.byType(), log.byType());
    }

    @Test
    void theFixLogIsJsonWithSnakeCaseFieldsAndTheFixesInside() throws Exception {
        FixPlan plan = FixEngine.plan(space, batch(), FixPolicy.defaults(space));
        FixLog log = FixLog.of(plan, FixEngine.apply(space, plan));
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var tree = mapper.readTree(mapper.writeValueAsString(log));
        assertEquals(9, tree.get("by_type").size());
        var entry = tree.get("entries").get(0);
        assertEquals("add_synonym", entry.get("type").asText());
        assertEquals("add_synonym", entry.get("fix").get("type").asText());
        assertEquals("high", entry.get("confidence").asText());
        assertTrue(entry.has("question_ids"));
        FixLog back = mapper.readValue(mapper.writeValueAsString(log), FixLog.class);
        assertEquals(log, back);
    }

    @Test
    void theDiffSaysWhatChangedWhereAndWhy() {
        ApplyResult r = FixEngine.apply(space, FixEngine.plan(space, batch(), FixPolicy.defaults(space)));
        Diff d = r.diff();
        Diff.Entry synonyms = d.entries().stream().filter(e -> e.field().equals("synonyms") && e.target().endsWith("order_amount"))
                .findFirst().orElseThrow();
        assertEquals(Change.Kind.CHANGED, synonyms.kind());
        assertEquals("[revenue, sales]", synonyms.before());
        assertEquals("[revenue, sales, turnover amount]", synonyms.after());
        assertEquals(List.of("q1", "q2"), synonyms.causes().get(0).questionIds());
        String text = d.text();
        assertTrue(text.contains("column main.sales.orders.order_amount"), text);
        assertTrue(text.contains("because add_synonym (high, llm; questions q1, q2): q1 says turnover amount / q2 too"), text);
        assertTrue(text.contains("  ~ synonyms: \"[territory, area]\"  ->  \"[territory]\""), text);
        assertTrue(text.contains("  + description: \"One row per product\""), text);
        String md = d.markdown();
        assertTrue(md.contains("#### column `main.sales.orders.order_amount`"), md);
        assertTrue(md.contains("- **synonyms** changed: `[revenue, sales]` → `[revenue, sales, turnover amount]`"), md);
        assertTrue(md.startsWith("**9 change(s) on 8 item(s): 6 added, 3 changed, 0 removed**"), md);
    }

    @Test
    void aRemovedInstructionShowsAsRemovedInTheDiff() {
        ApplyResult r = FixEngine.apply(space, List.of(new RemoveInstruction(SampleSpace.FUNCTION_ID, why("unused", "q1"))));
        Diff.Entry e = r.diff().entries().get(0);
        assertEquals(Change.Kind.REMOVED, e.kind());
        assertEquals("SQL function main.sales.fiscal_quarter", e.before());
        assertTrue(r.diff().text().contains("instruction " + SampleSpace.FUNCTION_ID + "\n  - \"SQL function main.sales.fiscal_quarter\""),
                r.diff().text());
    }

    @Test
    void reasoningIsEscapedInTheMarkdownDiff() {
        ApplyResult r = FixEngine.apply(space, List.of(new AddSynonym("orders", "status", "state",
                why("<script>alert(1)</script> [click](http://x) **bold**", "q1"))));
        String md = r.diff().markdown();
        assertFalse(md.contains("<script>"), md);
        assertFalse(md.contains("[click](http://x)"), md);
    }
}
