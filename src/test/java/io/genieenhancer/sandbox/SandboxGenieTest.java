package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.space.Extras;
import io.genieenhancer.space.SpaceConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static io.genieenhancer.sandbox.RetailScenarioFixes.C;
import static io.genieenhancer.sandbox.RetailScenarioFixes.O;
import static io.genieenhancer.sandbox.RetailScenarioFixes.OI;
import static io.genieenhancer.sandbox.RetailScenarioFixes.P;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per row of the knowledge-effect table in docs/sandbox.md: what each piece of space knowledge
 * makes the sandbox Genie do, and what it does without it.
 */
class SandboxGenieTest {

    static ScenarioScores retail;

    @BeforeAll
    static void load() {
        retail = new ScenarioScores("retail");
    }

    @AfterAll
    static void close() {
        retail.close();
    }

    private String sql(UnaryOperator<SpaceEdits> edits, String question) {
        SpaceConfig space = edits.apply(new SpaceEdits(retail.scenario.space())).result();
        SandboxGenie.Answer a = SandboxGenie.answer(BenchmarkJudge.knowledge(space, retail.db), question, false);
        return assertInstanceOf(SandboxGenie.SqlAnswer.class, a, a.toString()).sql();
    }

    private String sql(String question) {
        return sql(e -> e, question);
    }

    @Test
    void anUnknownTermPicksAPlausibleWrongColumnAndASynonymFixesIt() {
        assertTrue(sql("What is the total revenue?").contains("SUM(customers.credit_limit)"));
        assertTrue(sql(e -> e.synonyms(OI, "net_amt", "revenue"), "What is the total revenue?").contains("SUM(order_items.net_amt)"));
    }

    @Test
    void aWordOfAColumnNameIsAWeakMatchThatASynonymOutranks() {
        assertTrue(sql("How many units were sold in 2024?").contains("order_items.unit_price"));
        assertTrue(sql(e -> e.synonyms(OI, "qty", "units"), "How many units were sold in 2024?").contains("SUM(order_items.qty)"));
    }

    @Test
    void aColumnDescriptionMakesItsWordsReferToTheColumn() {
        String without = sql("How many orders were placed in March 2024?");
        assertTrue(without.contains("orders.ship_dt >= DATE '2024-03-01'"), without);
        String with = sql(e -> e.columnDescription(O, "ord_dt", "Date the order was placed"), "How many orders were placed in March 2024?");
        assertTrue(with.contains("orders.ord_dt >= DATE '2024-03-01' AND orders.ord_dt < DATE '2024-04-01'"), with);
    }

    @Test
    void aTableDescriptionMakesItsPhrasesReferToTheTable() {
        String without = sql("How many order lines are there?");
        assertFalse(without.contains("order_items"), without); // "order" is the orders table, "lines" means nothing
        assertTrue(sql(e -> e.tableDescription(OI, "One row per order line"), "How many order lines are there?")
                .startsWith("SELECT COUNT(*) AS count_order_items\nFROM main.retail.order_items"));
    }

    @Test
    void anExcludedColumnIsInvisible() {
        String visible = sql("What is the average credit limit of customers?");
        assertTrue(visible.contains("AVG(customers.credit_limit)"));
        SpaceConfig base = retail.scenario.space();
        String hidden = sql(e -> new SpaceEdits(excluding(base, C, "credit_limit")), "What is the average credit limit of customers?");
        assertFalse(hidden.contains("credit_limit"), hidden);
    }

    @Test
    void entityMatchingTurnsAValueIntoAFilterWithTheStoredSpelling() {
        assertFalse(sql("How many active customers are there?").contains("WHERE"));
        assertTrue(sql(e -> e.entityMatching(C, "status"), "How many active customers are there?")
                .contains("WHERE customers.status = 'ACTIVE'"));
    }

    @Test
    void withoutAJoinSpecGenieJoinsOnEverySharedColumnName() {
        String guessed = sql("What are the top 3 customers by number of orders?");
        assertTrue(guessed.contains("ON orders.customer_id = customers.customer_id AND orders.status = customers.status"), guessed);
        String spec = sql(e -> e.joinSpec(O, "o", C, "c", "`o`.`customer_id` = `c`.`customer_id`", "MANY_TO_ONE"),
                "What are the top 3 customers by number of orders?");
        assertTrue(spec.contains("ON orders.customer_id = customers.customer_id\n"), spec);
    }

    @Test
    void withoutAJoinSpecOrSharedNameTheOtherTableIsLeftOut() {
        String none = sql(e -> e.synonyms(OI, "net_amt", "revenue"), "What is the total revenue by product category?");
        assertFalse(none.contains("products"), none);
        String spec = sql(e -> e.synonyms(OI, "net_amt", "revenue").joinSpec(OI, "order_items", P, "products",
                "`order_items`.`sku` = `products`.`product_id`", "MANY_TO_ONE"), "What is the total revenue by product category?");
        assertTrue(spec.contains("JOIN main.retail.products AS products ON order_items.sku = products.product_id"), spec);
        assertTrue(spec.contains("GROUP BY products.category"), spec);
    }

    @Test
    void aFilterSnippetAppliesWhenItsNameOrSynonymIsUsed() {
        UnaryOperator<SpaceEdits> revenue = e -> e.synonyms(OI, "net_amt", "revenue");
        assertFalse(sql(revenue, "What is the revenue from fulfilled orders?").contains("COMPLETED"));
        assertTrue(sql(e -> revenue.apply(e).filter("fulfilled orders", "orders.status = 'COMPLETED'"),
                "What is the revenue from fulfilled orders?").contains("WHERE orders.status = 'COMPLETED'"));
        assertTrue(sql(e -> revenue.apply(e).filter("fulfilled orders", "orders.status = 'COMPLETED'", "shipped orders"),
                "What is the revenue from shipped orders?").contains("WHERE orders.status = 'COMPLETED'"));
    }

    @Test
    void aMeasureSnippetIsTheMetricItNames() {
        String s = sql(e -> e.measure("aov", "average order value", "SUM(order_items.net_amt) / COUNT(DISTINCT order_items.order_id)"),
                "What is the average order value by channel?");
        assertTrue(s.contains("SUM(order_items.net_amt) / COUNT(DISTINCT order_items.order_id) AS aov"), s);
        assertTrue(s.contains("GROUP BY orders.channel"), s);
    }

    @Test
    void anExpressionSnippetIsADimension() {
        String s = sql(e -> e.expression("price_band", "price band", "CASE WHEN products.list_price < 50 THEN 'Budget' ELSE 'Other' END"),
                "How many products are in each price band?");
        assertTrue(s.startsWith("SELECT CASE WHEN products.list_price < 50 THEN 'Budget' ELSE 'Other' END AS price_band, COUNT(*)"), s);
    }

    @Test
    void aTextInstructionDefinitionActsAsAFilterAMeasureOrASynonym() {
        UnaryOperator<SpaceEdits> revenue = e -> e.synonyms(OI, "net_amt", "revenue");
        assertTrue(sql(e -> revenue.apply(e).instruction("\"Europe\" means stores.region = 'EMEA'."), "What is the revenue of stores in Europe?")
                .contains("stores.region = 'EMEA'"));
        assertTrue(sql(e -> e.instruction("'basket size' is defined as AVG(order_items.qty)."), "What is the basket size by channel?")
                .contains("AVG(order_items.qty) AS basket_size"));
        assertTrue(sql(e -> e.instruction("\"turnover\" refers to order_items.net_amt"), "What is the total turnover?")
                .contains("SUM(order_items.net_amt)"));
    }

    @Test
    void anInstructionWithoutARecognisedPatternHasNoEffect() {
        String plain = sql("What is the total revenue?");
        assertEquals(plain, sql(e -> e.instruction("Revenue is what we earn from order lines, net of discounts."), "What is the total revenue?"));
    }

    @Test
    void anAlwaysApplyInstructionIsADefaultFilterUnlessTheQuestionFiltersTheSameColumn() {
        UnaryOperator<SpaceEdits> rule = e -> e.entityMatching(O, "status").instruction("Always apply orders.status <> 'CANCELLED'.");
        assertTrue(sql(rule, "How many orders are there?").contains("WHERE orders.status <> 'CANCELLED'"));
        String cancelled = sql(rule, "How many cancelled orders are there?");
        assertTrue(cancelled.contains("orders.status = 'CANCELLED'") && !cancelled.contains("<>"), cancelled);
        assertFalse(sql(rule, "How many customers are there?").contains("CANCELLED"), "only where orders are queried");
    }

    @Test
    void aDefaultDateInstructionChoosesTheTimeColumn() {
        assertTrue(sql(e -> e.instruction("Use orders.ord_dt as the default date for orders."), "How many orders were there in Q4 2023?")
                .contains("orders.ord_dt >= DATE '2023-10-01' AND orders.ord_dt < DATE '2024-01-01'"));
    }

    @Test
    void aSimilarExampleQuestionIsReusedWithItsLiteralsSwapped() {
        UnaryOperator<SpaceEdits> ex = e -> e.example("Which customers placed no orders in 2023?",
                "SELECT full_name FROM main.retail.customers c WHERE NOT EXISTS (SELECT 1 FROM main.retail.orders o "
                        + "WHERE o.customer_id = c.customer_id AND YEAR(o.ord_dt) = 2023)");
        String s = sql(ex, "Which customers placed no orders in 2024?");
        assertTrue(s.contains("YEAR(o.ord_dt) = 2024") && s.contains("NOT EXISTS"), s);
        assertFalse(sql(ex, "Which customers are Gold tier?").contains("NOT EXISTS"), "a dissimilar question is planned, not copied");
    }

    @Test
    void benchmarksAreNeverRead() {
        // a space whose benchmark asks exactly this question, with its answer, answers like one without benchmarks
        SpaceConfig withAnswers = retail.scenario.space();
        SpaceConfig without = withAnswers.withBenchmarks(new SpaceConfig.Benchmarks(List.of(), Extras.none()));
        for (var q : withAnswers.benchmarks().questions()) {
            assertEquals(SandboxGenie.answer(BenchmarkJudge.knowledge(without, retail.db), q.questionText(), false).toString(),
                    SandboxGenie.answer(BenchmarkJudge.knowledge(withAnswers, retail.db), q.questionText(), false).toString());
        }
    }

    @Test
    void theSameKnowledgeAndQuestionAlwaysGiveTheSameSql() {
        assertEquals(sql("What are the top 5 products by list price?"), sql("What are the top 5 products by list price?"));
    }

    @Test
    void aQuestionWithNothingToQueryIsAnsweredWithAClarifyingQuestion() {
        SandboxGenie.Answer a = SandboxGenie.answer(BenchmarkJudge.knowledge(retail.scenario.space(), retail.db), "Good morning!", false);
        assertInstanceOf(SandboxGenie.TextAnswer.class, a);
    }

    @Test
    void aSlipDropsTheFirstFilter() {
        var k = BenchmarkJudge.knowledge(retail.scenario.space(), retail.db);
        String steady = ((SandboxGenie.SqlAnswer) SandboxGenie.answer(k, "How many products are in the Electronics category?", false)).sql();
        String slipped = ((SandboxGenie.SqlAnswer) SandboxGenie.answer(k, "How many products are in the Electronics category?", true)).sql();
        assertTrue(steady.contains("'Electronics'"));
        assertFalse(slipped.contains("'Electronics'"));
        String unfiltered = ((SandboxGenie.SqlAnswer) SandboxGenie.answer(k, "How many customers are there?", true)).sql();
        assertTrue(unfiltered.endsWith("WHERE 1 = 0"), "without a filter to forget, a slip returns no rows: " + unfiltered);
    }

    private static SpaceConfig excluding(SpaceConfig s, String table, String column) {
        var tables = s.dataSources().tables().stream().map(t -> !t.identifier().equals(table) ? t
                : t.withColumn(column, c -> new SpaceConfig.ColumnConfig(c.columnName(), c.description(), c.synonyms(),
                java.util.Optional.of(true), c.enableFormatAssistance(), c.enableEntityMatching(), c.extras()))).toList();
        return s.withDataSources(s.dataSources().withTables(tables));
    }
}
