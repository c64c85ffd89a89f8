package io.genieenhancer.fix;

import io.genieenhancer.fix.Fix.*;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.ColumnConfig;
import io.genieenhancer.space.SpaceConfig.ExampleQuestionSql;
import io.genieenhancer.space.SpaceConfig.JoinSpec;
import io.genieenhancer.space.SpaceConfig.Snippet;
import io.genieenhancer.space.SpaceConfig.TextInstruction;
import io.genieenhancer.space.SpaceRules;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every fix type changes what it says, and applying it a second time changes nothing. */
class FixTypesTest {

    private final SpaceConfig space = SampleSpace.space();

    /** Plans and applies one fix, asserting it was valid, applied, server-valid and idempotent. */
    private SpaceConfig applyOne(Fix fix) {
        return applyOne(space, fix);
    }

    static SpaceConfig applyOne(SpaceConfig base, Fix fix) {
        FixPlan plan = FixEngine.plan(base, List.of(fix), FixPolicy.defaults(base));
        assertEquals(List.of(), plan.verdicts().get(0).problems());
        ApplyResult r = FixEngine.apply(base, plan);
        assertEquals(1, r.outcomes().size());
        assertEquals(FixOutcome.Result.APPLIED, r.outcomes().get(0).result(), r.outcomes().get(0).detail());
        assertEquals(List.of(), SpaceRules.validate(r.config()));
        ApplyResult again = FixEngine.apply(r.config(), List.of(fix));
        assertEquals(FixOutcome.Result.NO_OP, again.outcomes().get(0).result(), "second application");
        assertEquals(r.config(), again.config());
        return r.config();
    }

    static ColumnConfig column(SpaceConfig s, String table, String column) {
        return s.table(table).orElseThrow().column(column).orElseThrow();
    }

    static FixMeta why() {
        return FixMeta.rule("test", "q1");
    }

    @Test
    void addSynonymAppendsToTheColumnNamedByShortTableName() {
        SpaceConfig out = applyOne(new AddSynonym("orders", "ORDER_AMOUNT", "turnover amount", why()));
        assertEquals(List.of("revenue", "sales", "turnover amount"), column(out, "main.sales.orders", "order_amount").synonyms());
    }

    @Test
    void addSynonymThatIsAPluralOfAnExistingOneIsANoOp() {
        ApplyResult r = FixEngine.apply(space, List.of(new AddSynonym("orders", "order_amount", "Revenues", why())));
        assertEquals(FixOutcome.Result.NO_OP, r.outcomes().get(0).result());
        assertTrue(r.unchanged());
        assertTrue(r.diff().isEmpty());
    }

    @Test
    void removeSynonymTakesAWrongSynonymAway() {
        SpaceConfig out = applyOne(new RemoveSynonym("main.sales.orders", "order_amount", "Sales", why()));
        assertEquals(List.of("revenue"), column(out, "main.sales.orders", "order_amount").synonyms());
    }

    @Test
    void removeAndAddInOneBatchMoveASynonymToTheRightColumn() {
        FixPlan plan = FixEngine.plan(space, List.of(
                new AddSynonym("customers", "segment", "area", why()),
                new RemoveSynonym("customers", "region", "area", why())), FixPolicy.defaults(space));
        assertTrue(plan.allValid(), plan.verdicts().toString());
        SpaceConfig out = FixEngine.apply(space, plan).config();
        assertEquals(List.of("territory"), column(out, "main.sales.customers", "region").synonyms());
        assertEquals(List.of("area"), column(out, "main.sales.customers", "segment").synonyms());
    }

    @Test
    void setColumnDescriptionReplacesIt() {
        SpaceConfig out = applyOne(new SetColumnDescription("orders", "order_amount", "Net amount in EUR, after discounts", why()));
        assertEquals("Net amount in EUR, after discounts", SpaceConfig.text(column(out, "main.sales.orders", "order_amount").description()));
    }

    @Test
    void extendColumnDescriptionAppendsOnALineOfItsOwn() {
        SpaceConfig out = applyOne(new ExtendColumnDescription("orders", "order_amount", "Excludes tax.", why()));
        assertEquals(List.of("Net amount in USD", "\nExcludes tax."), column(out, "main.sales.orders", "order_amount").description());
    }

    @Test
    void setTableDescriptionDescribesATableThatHadNone() {
        SpaceConfig out = applyOne(new SetTableDescription("products", "One row per product in the catalogue", why()));
        assertEquals(List.of("One row per product in the catalogue"), out.table("main.sales.products").orElseThrow().description());
    }

    @Test
    void addJoinSpecIsWrittenInTheServersSqlForm() {
        SpaceConfig out = applyOne(new AddJoinSpec("orders", "o", "main.sales.products", "p",
                "orders.product_id = products.product_id", Relationship.MANY_TO_ONE, "orders to products", "", why()));
        JoinSpec join = out.instructions().joinSpecs().get(1);
        assertEquals("main.sales.orders", join.left().identifier());
        assertEquals("o", join.left().alias());
        assertEquals("main.sales.products", join.right().identifier());
        assertEquals("p", join.right().alias());
        assertEquals(List.of("`o`.`product_id` = `p`.`product_id`", "--rt=FROM_RELATIONSHIP_TYPE_MANY_TO_ONE--"), join.sql());
        assertEquals(List.of("orders to products"), join.comment());
    }

    @Test
    void addJoinSpecWrittenTheOtherWayRoundThanAnExistingOneIsANoOp() {
        ApplyResult r = FixEngine.apply(space, List.of(new AddJoinSpec("customers", "", "orders", "",
                "`customers`.`customer_id` = `orders`.`customer_id`", Relationship.ONE_TO_MANY, "", "", why())));
        assertTrue(r.unchanged());
    }

    @Test
    void addJoinSpecWithAnotherRelationshipReplacesTheAnnotationOfThatJoin() {
        SpaceConfig out = applyOne(new AddJoinSpec("orders", "", "customers", "", "orders.customer_id = customers.customer_id",
                Relationship.ONE_TO_ONE, "", "", why()));
        assertEquals(1, out.instructions().joinSpecs().size());
        JoinSpec j = out.instructions().joinSpecs().get(0);
        assertEquals(SampleSpace.JOIN_ID, j.id());
        assertEquals(List.of("`orders`.`customer_id` = `customers`.`customer_id`", "--rt=FROM_RELATIONSHIP_TYPE_ONE_TO_ONE--"), j.sql());
    }

    @Test
    void removeJoinSpecRemovesTheJoinsBetweenTwoTablesNamedInEitherOrder() {
        SpaceConfig out = applyOne(new RemoveJoinSpec("customers", "orders", "", why()));
        assertTrue(out.instructions().joinSpecs().isEmpty());
    }

    @Test
    void removeJoinSpecWithAConditionKeepsOtherJoinsBetweenTheTables() {
        ApplyResult r = FixEngine.apply(space, List.of(new RemoveJoinSpec("orders", "customers", "orders.order_id = customers.customer_id", why())));
        assertTrue(r.unchanged());
        SpaceConfig out = applyOne(new RemoveJoinSpec("orders", "customers", "customers.customer_id = orders.customer_id", why()));
        assertTrue(out.instructions().joinSpecs().isEmpty());
    }

    @Test
    void addExampleSqlAddsQuestionSqlAndGuidanceWithAnIdAfterEveryExistingOne() {
        SpaceConfig out = applyOne(new AddExampleSql("How many orders per region?",
                "SELECT c.region, COUNT(*) AS orders\nFROM main.sales.orders o\nJOIN main.sales.customers c ON o.customer_id = c.customer_id\nGROUP BY c.region",
                "Use for any per-region count", why()));
        ExampleQuestionSql added = out.instructions().exampleQuestionSqls().get(1);
        assertTrue(added.id().compareTo(SampleSpace.BENCH_TOP_ID) > 0, added.id());
        assertEquals(List.of("How many orders per region?"), added.question());
        assertEquals(4, added.sql().size());
        assertEquals("SELECT c.region, COUNT(*) AS orders\n", added.sql().get(0));
        assertEquals(List.of("Use for any per-region count"), added.usageGuidance());
    }

    @Test
    void addExampleSqlForAQuestionTheSpaceAlreadyHasReplacesItsSql() {
        SpaceConfig out = applyOne(new AddExampleSql("top 10 customers by revenue!",
                "SELECT c.name, c.segment, SUM(o.order_amount) AS revenue FROM main.sales.orders o JOIN main.sales.customers c "
                        + "USING (customer_id) GROUP BY ALL ORDER BY 3 DESC LIMIT 10",
                "", why()));
        assertEquals(1, out.instructions().exampleQuestionSqls().size());
        ExampleQuestionSql e = out.instructions().exampleQuestionSqls().get(0);
        assertEquals(SampleSpace.EXAMPLE_ID, e.id());
        assertTrue(SpaceConfig.text(e.sql()).contains("c.segment"));
        assertEquals(List.of("Pattern for any top-N ranking question"), e.usageGuidance());
    }

    @Test
    void setTextInstructionReplacesTheSingleTextInstruction() {
        SpaceConfig out = applyOne(new SetTextInstruction("Fiscal year starts July 1.", why()));
        assertEquals(1, out.instructions().textInstructions().size());
        TextInstruction t = out.instructions().textInstructions().get(0);
        assertEquals(SampleSpace.TEXT_ID, t.id());
        assertEquals(List.of("Fiscal year starts July 1.\n"), t.content());
    }

    @Test
    void appendTextInstructionExtendsItAndNeverCreatesASecondOne() {
        SpaceConfig out = applyOne(new AppendTextInstruction("Revenue means order_amount.", why()));
        assertEquals(1, out.instructions().textInstructions().size());
        assertEquals(List.of("Fiscal year starts April 1.\n", "Exclude cancelled orders unless asked.\n", "Revenue means order_amount.\n"),
                out.instructions().textInstructions().get(0).content());
    }

    @Test
    void appendTextInstructionCreatesTheTextInstructionWhenTheSpaceHasNone() {
        SpaceConfig bare = space.withInstructions(space.instructions().withTextInstructions(List.of()));
        SpaceConfig out = applyOne(bare, new AppendTextInstruction("Revenue means order_amount.", why()));
        assertEquals(List.of("Revenue means order_amount.\n"), out.instructions().textInstructions().get(0).content());
    }

    @Test
    void addSqlSnippetAddsAMeasureWithDisplayNameSynonymsInstructionAndDerivedAlias() {
        SpaceConfig out = applyOne(new AddSqlSnippet(SnippetKind.MEASURE, "Average Order Value", "", "AVG(orders.order_amount)",
                List.of("aov", "basket size"), "Use for average order value", why()));
        Snippet m = out.instructions().sqlSnippets().measures().get(1);
        assertEquals(Optional.of("average_order_value"), m.alias());
        assertEquals(Optional.of("Average Order Value"), m.displayName());
        assertEquals(List.of("aov", "basket size"), m.synonyms());
        assertEquals(List.of("Use for average order value"), m.instruction());
    }

    @Test
    void addSqlSnippetAddsAFilterWithoutAliasAndAnExpressionWithItsAlias() {
        SpaceConfig out = applyOne(new AddSqlSnippet(SnippetKind.FILTER, "open orders", "ignored", "orders.status = 'open'", List.of(), "", why()));
        Snippet f = out.instructions().sqlSnippets().filters().get(1);
        assertEquals(Optional.empty(), f.alias());
        assertEquals(List.of("orders.status = 'open'"), f.sql());

        out = applyOne(new AddSqlSnippet(SnippetKind.EXPRESSION, "Order Month", "order_month", "MONTH(orders.order_date)", List.of(), "", why()));
        assertEquals(Optional.of("order_month"), out.instructions().sqlSnippets().expressions().get(1).alias());
    }

    @Test
    void addSqlSnippetWithTheSqlOfAnExistingOneAddsItsNameAsASynonym() {
        SpaceConfig out = applyOne(new AddSqlSnippet(SnippetKind.MEASURE, "Revenue", "", "sum( orders.order_amount )", List.of(), "", why()));
        assertEquals(1, out.instructions().sqlSnippets().measures().size());
        assertEquals(List.of("turnover", "Revenue"), out.instructions().sqlSnippets().measures().get(0).synonyms());
    }

    @Test
    void addSqlSnippetWithTheDisplayNameOfAnExistingOneReplacesItsSql() {
        SpaceConfig out = applyOne(new AddSqlSnippet(SnippetKind.FILTER, "High Value Orders", "", "orders.order_amount > 5000", List.of(), "", why()));
        assertEquals(1, out.instructions().sqlSnippets().filters().size());
        Snippet f = out.instructions().sqlSnippets().filters().get(0);
        assertEquals(SampleSpace.FILTER_ID, f.id());
        assertEquals(List.of("orders.order_amount > 5000"), f.sql());
        assertEquals(List.of("large orders"), f.synonyms());
    }

    @Test
    void removeInstructionRemovesAnyKindById() {
        for (String id : List.of(SampleSpace.TEXT_ID, SampleSpace.EXAMPLE_ID, SampleSpace.FUNCTION_ID, SampleSpace.JOIN_ID,
                SampleSpace.FILTER_ID, SampleSpace.EXPRESSION_ID, SampleSpace.MEASURE_ID)) {
            SpaceConfig out = applyOne(new RemoveInstruction(id, why()));
            Set<String> ids = new HashSet<>(out.instructionIds().toList());
            assertFalse(ids.contains(id), id);
            assertEquals(6, ids.size());
        }
    }

    @Test
    void enableEntityMatchingAlsoTurnsFormatAssistanceOnAndAsksForTheLongerIndexingWait() {
        SpaceConfig out = applyOne(new EnableEntityMatching("customers", "segment", true, why()));
        ColumnConfig c = column(out, "main.sales.customers", "segment");
        assertTrue(c.entityMatching());
        assertTrue(c.formatAssistance());
        assertTrue(FixEngine.apply(space, List.of(new EnableEntityMatching("customers", "segment", true, why()))).entityMatchingChanged());
        assertFalse(FixEngine.apply(space, List.of(new AddSynonym("customers", "segment", "tier", why()))).entityMatchingChanged());
    }

    @Test
    void disablingEntityMatchingKeepsFormatAssistance() {
        SpaceConfig out = applyOne(new EnableEntityMatching("customers", "region", false, why()));
        ColumnConfig c = column(out, "main.sales.customers", "region");
        assertFalse(c.entityMatching());
        assertTrue(c.formatAssistance());
    }

    @Test
    void disablingFormatAssistanceAlsoTurnsEntityMatchingOff() {
        SpaceConfig out = applyOne(new EnableFormatAssistance("customers", "region", false, why()));
        ColumnConfig c = column(out, "main.sales.customers", "region");
        assertFalse(c.formatAssistance());
        assertFalse(c.entityMatching());
    }

    @Test
    void enablingFormatAssistanceAloneLeavesEntityMatchingUnset() {
        SpaceConfig out = applyOne(new EnableFormatAssistance("orders", "status", true, why()));
        ColumnConfig c = column(out, "main.sales.orders", "status");
        assertTrue(c.formatAssistance());
        assertEquals(Optional.empty(), c.enableEntityMatching());
    }

    @Test
    void aSchemaLetsAFixConfigureAColumnTheSpaceDoesNotListYet() {
        FixPolicy policy = FixPolicy.defaults(space).withSchema(
                Map.of("main.sales.products", Set.of("product_id", "name", "category", "list_price")));
        FixPlan plan = FixEngine.plan(space, List.of(new AddSynonym("products", "LIST_PRICE", "price", why())), policy);
        assertTrue(plan.allValid(), plan.verdicts().toString());
        SpaceConfig out = FixEngine.apply(space, plan).config();
        assertEquals(List.of("price"), column(out, "main.sales.products", "list_price").synonyms());
        assertEquals(List.of(), SpaceRules.validate(out));
    }

    @Test
    void everyFixTypeHasASnakeCaseTypeNameAndAKeyStartingWithIt() {
        List<Fix> all = List.of(
                new AddSynonym("t", "c", "s", why()), new RemoveSynonym("t", "c", "s", why()),
                new SetColumnDescription("t", "c", "d", why()), new ExtendColumnDescription("t", "c", "d", why()),
                new SetTableDescription("t", "d", why()),
                new AddJoinSpec("a", "", "b", "", "a.x = b.x", Relationship.MANY_TO_ONE, "", "", why()),
                new RemoveJoinSpec("a", "b", "", why()), new AddExampleSql("q", "SELECT 1", "", why()),
                new SetTextInstruction("t", why()), new AppendTextInstruction("t", why()),
                new AddSqlSnippet(SnippetKind.FILTER, "n", "", "a.x > 1", List.of(), "", why()),
                new RemoveInstruction("0".repeat(32), why()), new EnableEntityMatching("t", "c", true, why()),
                new EnableFormatAssistance("t", "c", true, why()));
        Set<String> types = new HashSet<>();
        for (Fix f : all) {
            assertTrue(f.type().matches("[a-z]+(_[a-z]+)+"), f.type());
            assertTrue(types.add(f.type()), "duplicate " + f.type());
            assertTrue(f.key().startsWith(f.type() + ":"), f.key());
        }
        assertEquals(types, Set.of(FixJson.knownTypes().split(", ")));
    }
}
