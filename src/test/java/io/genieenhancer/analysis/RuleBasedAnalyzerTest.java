package io.genieenhancer.analysis;

import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.Fix.AddJoinSpec;
import io.genieenhancer.fix.Fix.AddSqlSnippet;
import io.genieenhancer.fix.Fix.AddSynonym;
import io.genieenhancer.fix.Fix.AppendTextInstruction;
import io.genieenhancer.fix.Fix.EnableEntityMatching;
import io.genieenhancer.fix.Fix.EnableFormatAssistance;
import io.genieenhancer.fix.Fix.ExtendColumnDescription;
import io.genieenhancer.fix.Fix.SetTableDescription;
import io.genieenhancer.fix.FixEngine;
import io.genieenhancer.fix.FixPlan;
import io.genieenhancer.fix.FixPolicy;
import io.genieenhancer.fix.Relationship;
import io.genieenhancer.fix.SnippetKind;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.JoinSpec;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.genieenhancer.analysis.ShopSpace.CUSTOMERS;
import static io.genieenhancer.analysis.ShopSpace.LINES;
import static io.genieenhancer.analysis.ShopSpace.PRODUCTS;
import static io.genieenhancer.analysis.ShopSpace.SALES;
import static io.genieenhancer.analysis.ShopSpace.analyse;
import static io.genieenhancer.analysis.ShopSpace.failure;
import static io.genieenhancer.analysis.ShopSpace.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One nested class per rule of the rule-based analyser (docs/analysis.md, "Rule-based analyser"). */
class RuleBasedAnalyzerTest {

    @Nested
    class TermToColumnSynonym {

        @Test
        void aQuestionWordThatNamesNothingBecomesASynonymOfTheColumnOnlyTheExpectedSqlUses() {
            AnalysisResult r = analyse(failure("q1", "What is the total turnover?",
                    "SELECT SUM(amt_usd) FROM main.shop.sales", "SELECT SUM(sales.qty) FROM main.shop.sales"));
            List<AddSynonym> s = only(r, AddSynonym.class);
            assertEquals(1, s.size(), r.fixes().toString());
            assertEquals(SALES, s.get(0).table());
            assertEquals("amt_usd", s.get(0).column());
            assertEquals("turnover", s.get(0).synonym());
            assertEquals(Confidence.MEDIUM, s.get(0).meta().confidence(), "one failure, one clear reading");
            assertEquals(List.of("q1"), s.get(0).meta().questionIds());
            assertTrue(s.get(0).meta().reasoning().get(0).contains("turnover"));
        }

        @Test
        void theSameMappingSeenInTwoFailuresIsOneHighConfidenceFixForBoth() {
            AnalysisResult r = analyse(
                    failure("q1", "What is the total turnover?", "SELECT SUM(amt_usd) FROM main.shop.sales",
                            "SELECT SUM(sales.qty) FROM main.shop.sales"),
                    failure("q2", "What was the turnover by channel?",
                            "SELECT channel_cd, SUM(amt_usd) FROM main.shop.sales GROUP BY channel_cd",
                            "SELECT sales.channel_cd, SUM(sales.qty) FROM main.shop.sales GROUP BY sales.channel_cd"));
            List<AddSynonym> s = only(r, AddSynonym.class);
            assertEquals(1, s.size(), r.fixes().toString());
            assertEquals(Confidence.HIGH, s.get(0).meta().confidence());
            assertEquals(List.of("q1", "q2"), s.get(0).meta().questionIds());
        }

        @Test
        void theExpectedSqlCallingTheColumnByTheQuestionsWordIsHighConfidence() {
            AnalysisResult r = analyse(failure("q1", "What is the total turnover?",
                    "SELECT SUM(amt_usd) AS turnover FROM main.shop.sales", "SELECT SUM(sales.qty) FROM main.shop.sales"));
            assertEquals(Confidence.HIGH, only(r, AddSynonym.class).get(0).meta().confidence());
        }

        @Test
        void aWordThatAlreadyNamesAColumnIsNoSynonym() {
            AnalysisResult r = analyse(failure("q1", "What is the total qty?", "SELECT SUM(qty) FROM main.shop.sales",
                    "SELECT SUM(sales.amt_usd) FROM main.shop.sales"));
            assertEquals(List.of(), only(r, AddSynonym.class));
        }

        @Test
        void twoUnexplainedWordsForTwoColumnsArePairedOnlyAsALowConfidenceGuess() {
            AnalysisResult r = analyse(failure("q1", "What are the turnover and the volume?",
                    "SELECT SUM(amt_usd), SUM(qty) FROM main.shop.sales", "SELECT COUNT(*) FROM main.shop.sales"));
            List<AddSynonym> s = only(r, AddSynonym.class);
            assertEquals(2, s.size(), r.fixes().toString());
            s.forEach(f -> assertEquals(Confidence.LOW, f.meta().confidence()));
        }

        @Test
        void oneWordForTwoColumnsAcrossFailuresGoesToTheColumnMoreFailuresSupport() {
            AnalysisResult r = analyse(
                    failure("q1", "What is the total turnover?", "SELECT SUM(amt_usd) FROM main.shop.sales", "SELECT 1"),
                    failure("q2", "Turnover by channel", "SELECT channel_cd, SUM(amt_usd) FROM main.shop.sales GROUP BY channel_cd",
                            "SELECT sales.channel_cd FROM main.shop.sales"),
                    failure("q3", "What is the turnover of products?", "SELECT SUM(unit_cost) FROM main.shop.products", "SELECT 1"));
            List<AddSynonym> s = only(r, AddSynonym.class);
            assertEquals(1, s.size(), r.fixes().toString());
            assertEquals("amt_usd", s.get(0).column());
            assertTrue(r.rejected().stream().anyMatch(x -> x.contains("unit_cost")), r.rejected().toString());
        }
    }

    @Nested
    class JoinSpecs {

        static final String BY_TIER = "SELECT c.tier, COUNT(*) FROM main.shop.sales s JOIN main.shop.customers c "
                + "ON s.cust_id = c.customer_id GROUP BY c.tier";

        @Test
        void aJoinTheSpaceLacksBecomesAJoinSpecWithTheManySideLeftAndTheServersConditionForm() {
            AnalysisResult r = analyse(failure("q1", "How many sales did each tier make?", BY_TIER,
                    "SELECT customers.tier, COUNT(*) FROM main.shop.sales JOIN main.shop.customers ON sales.status = customers.tier "
                            + "GROUP BY customers.tier"));
            List<AddJoinSpec> j = only(r, AddJoinSpec.class);
            assertEquals(1, j.size(), r.fixes().toString());
            AddJoinSpec f = j.get(0);
            assertEquals(SALES, f.leftTable());
            assertEquals(CUSTOMERS, f.rightTable());
            assertEquals("`sales`.`cust_id` = `customers`.`customer_id`", f.condition());
            assertEquals(Relationship.MANY_TO_ONE, f.relationship(), "customer_id is the key of customers");
            assertEquals(Confidence.HIGH, f.meta().confidence());

            SpaceConfig fixed = applied(ShopSpace.space(), r.fixes(), List.of("q1"));
            JoinSpec spec = fixed.instructions().joinSpecs().stream().filter(x -> x.right().identifier().equals(CUSTOMERS))
                    .findFirst().orElseThrow();
            assertEquals(List.of("`sales`.`cust_id` = `customers`.`customer_id`", "--rt=FROM_RELATIONSHIP_TYPE_MANY_TO_ONE--"),
                    spec.sql());
        }

        @Test
        void aJoinWrittenFromTheOneSideIsTheSameManyToOneSpec() {
            AnalysisResult a = analyse(failure("q1", "How many sales did each tier make?", BY_TIER, ""));
            AnalysisResult b = analyse(failure("q1", "How many sales did each tier make?",
                    "SELECT c.tier, COUNT(*) FROM main.shop.customers c JOIN main.shop.sales s ON c.customer_id = s.cust_id GROUP BY c.tier", ""));
            assertEquals(only(a, AddJoinSpec.class).get(0).key(), only(b, AddJoinSpec.class).get(0).key());
            assertEquals(SALES, only(b, AddJoinSpec.class).get(0).leftTable());
        }

        @Test
        void noJoinSpecIsProposedForTablesTheSpaceAlreadyJoins() {
            AnalysisResult r = analyse(failure("q1", "How many lines per channel?",
                    "SELECT s.channel_cd, COUNT(*) FROM main.shop.sale_lines l JOIN main.shop.sales s ON l.sale_id = s.sale_id "
                            + "GROUP BY s.channel_cd", ""));
            assertEquals(List.of(), only(r, AddJoinSpec.class));
        }

        @Test
        void aJoinWithoutRecognisableKeysClaimsNoUniquenessAndIsMediumConfidence() {
            AnalysisResult r = analyse(failure("q1", "Customers in the state of each sale",
                    "SELECT c.full_name FROM main.shop.sales s JOIN main.shop.customers c ON s.state = c.region_cd", ""));
            AddJoinSpec f = only(r, AddJoinSpec.class).get(0);
            assertEquals(Relationship.MANY_TO_MANY, f.relationship());
            assertEquals(Confidence.MEDIUM, f.meta().confidence());
        }
    }

    @Nested
    class FilterSnippets {

        @Test
        void aConditionTheGeneratedSqlLacksBecomesAFilterNamedByTheQuestionsWords() {
            AnalysisResult r = analyse(failure("q1", "What is the turnover of returned sales?",
                    "SELECT SUM(amt_usd) AS turnover FROM main.shop.sales WHERE status = 'RET'",
                    "SELECT SUM(sales.amt_usd) FROM main.shop.sales"));
            List<AddSqlSnippet> s = only(r, AddSqlSnippet.class);
            assertEquals(1, s.size(), r.fixes().toString());
            AddSqlSnippet f = s.get(0);
            assertEquals(SnippetKind.FILTER, f.kind());
            assertEquals("returned sales", f.displayName());
            assertEquals(List.of("returned"), f.synonyms());
            assertEquals("sales.status = 'RET'", f.sql());
            assertEquals(Confidence.MEDIUM, f.meta().confidence());
        }

        @Test
        void aConditionNoQuestionWordIsLeftToNameIsReportedNotGuessed() {
            AnalysisResult r = analyse(failure("q1", "How many sales are there?",
                    "SELECT COUNT(*) FROM main.shop.sales WHERE channel_cd <> 'TEST'", "SELECT COUNT(*) FROM main.shop.sales"));
            assertEquals(List.of(), r.fixes());
            assertTrue(r.rejected().stream().anyMatch(x -> x.contains("channel_cd <> 'TEST'")), r.rejected().toString());
        }
    }

    @Nested
    class MeasureSnippets {

        @Test
        void aCompoundAggregateBecomesAMeasureNamedAsTheQuestionSaysIt() {
            AnalysisResult r = analyse(failure("q1", "What is the average basket size?",
                    "SELECT SUM(qty) / COUNT(DISTINCT sale_id) AS avg_basket_size FROM main.shop.sales",
                    "SELECT AVG(sales.amt_usd) FROM main.shop.sales"));
            AddSqlSnippet f = only(r, AddSqlSnippet.class).get(0);
            assertEquals(SnippetKind.MEASURE, f.kind());
            assertEquals("average basket size", f.displayName());
            assertEquals("avg_basket_size", f.alias());
            assertEquals("SUM(sales.qty) / COUNT(DISTINCT sales.sale_id)", f.sql());
            assertEquals(Confidence.HIGH, f.meta().confidence(), "the expected SQL's alias says the question's words");
        }

        @Test
        void aDistinctCountIsAMeasureNotASynonymOfItsColumn() {
            AnalysisResult r = analyse(failure("q1", "How many buyers are there?",
                    "SELECT COUNT(DISTINCT cust_id) AS buyers FROM main.shop.sales", "SELECT COUNT(*) FROM main.shop.customers"));
            assertEquals(List.of(), only(r, AddSynonym.class));
            AddSqlSnippet f = only(r, AddSqlSnippet.class).get(0);
            assertEquals("COUNT(DISTINCT sales.cust_id)", f.sql());
            assertEquals("buyers", f.displayName());
        }

        @Test
        void aMeasureOverTwoTablesIsQualifiedByEachTableAndComesWithItsJoin() {
            AnalysisResult r = analyse(failure("q1", "What is the gross profit?",
                    "SELECT SUM(l.qty * (l.price - p.unit_cost)) AS gross_profit FROM main.shop.sale_lines l "
                            + "JOIN main.shop.products p ON l.prod_id = p.product_id", "SELECT SUM(sales.amt_usd) FROM main.shop.sales"));
            AddSqlSnippet m = only(r, AddSqlSnippet.class).get(0);
            assertEquals("SUM(sale_lines.qty * (sale_lines.price - products.unit_cost))", m.sql());
            assertEquals("gross profit", m.displayName());
            AddJoinSpec j = only(r, AddJoinSpec.class).get(0);
            assertEquals(LINES, j.leftTable());
            assertEquals(PRODUCTS, j.rightTable());
        }
    }

    @Nested
    class ExpressionSnippets {

        @Test
        void aDerivedColumnBecomesAnExpressionNamedAsTheQuestionSaysIt() {
            AnalysisResult r = analyse(failure("q1", "How many sales were made per fiscal year?",
                    "SELECT YEAR(ADD_MONTHS(sale_dt, 6)) AS fiscal_year, COUNT(*) AS sales FROM main.shop.sales GROUP BY 1",
                    "SELECT YEAR(sales.sale_dt), COUNT(*) FROM main.shop.sales GROUP BY YEAR(sales.sale_dt)"));
            AddSqlSnippet f = only(r, AddSqlSnippet.class).get(0);
            assertEquals(SnippetKind.EXPRESSION, f.kind());
            assertEquals("fiscal year", f.displayName());
            assertEquals("fiscal_year", f.alias());
            assertEquals("YEAR(ADD_MONTHS(sales.sale_dt, 6))", f.sql());
        }

        @Test
        void aPlainTimeGrainIsNoSnippet() {
            AnalysisResult r = analyse(failure("q1", "How many sales per month?",
                    "SELECT DATE_TRUNC('MONTH', sale_dt) AS month, COUNT(*) FROM main.shop.sales GROUP BY 1",
                    "SELECT COUNT(*) FROM main.shop.sales"));
            assertEquals(List.of(), only(r, AddSqlSnippet.class));
        }
    }

    @Nested
    class Descriptions {

        @Test
        void rowsCountedUnderANameTheirTableDoesNotHaveGoIntoThatTablesDescription() {
            AnalysisResult r = analyse(failure("q1", "How many order lines are there?",
                    "SELECT COUNT(*) FROM main.shop.sale_lines", "SELECT COUNT(*) FROM main.shop.sales"));
            List<SetTableDescription> d = only(r, SetTableDescription.class);
            assertEquals(1, d.size(), r.fixes().toString());
            assertEquals(LINES, d.get(0).table());
            assertEquals("Lines of a sale. Its rows are also called \"order lines\".", d.get(0).description());
            assertEquals(Confidence.MEDIUM, d.get(0).meta().confidence());
        }

        @Test
        void anotherColumnOfTheTableUsedInTheSameRoleGetsTheRightColumnDescribed() {
            AnalysisResult r = analyse(failure("q1", "What is the average discount?",
                    "SELECT AVG(disc_pct) FROM main.shop.sales", "SELECT AVG(sales.amt_usd) FROM main.shop.sales"));
            assertEquals("discount", only(r, AddSynonym.class).get(0).synonym());
            ExtendColumnDescription d = only(r, ExtendColumnDescription.class).get(0);
            assertEquals("disc_pct", d.column());
            assertEquals("\"discount\" means this column, not amt_usd.", d.description());
        }
    }

    @Nested
    class TextInstructions {

        @Test
        void aConditionMostExpectedSqlsOverATableApplyUnsaidIsADefaultFilterInstruction() {
            AnalysisResult r = analyse(
                    failure("q1", "What is the total turnover?", "SELECT SUM(amt_usd) FROM main.shop.sales WHERE status <> 'VOID'",
                            "SELECT SUM(sales.amt_usd) FROM main.shop.sales"),
                    failure("q2", "How many sales were there?", "SELECT COUNT(*) FROM main.shop.sales WHERE status <> 'VOID'",
                            "SELECT COUNT(*) FROM main.shop.sales"),
                    failure("q3", "What is the turnover by channel?",
                            "SELECT channel_cd, SUM(amt_usd) FROM main.shop.sales WHERE status <> 'VOID' GROUP BY channel_cd",
                            "SELECT sales.channel_cd, SUM(sales.amt_usd) FROM main.shop.sales GROUP BY sales.channel_cd"));
            List<AppendTextInstruction> t = only(r, AppendTextInstruction.class);
            assertEquals(1, t.size(), r.fixes().toString());
            assertEquals("Unless asked otherwise, apply sales.status <> 'VOID'.", t.get(0).text());
            assertEquals(Confidence.HIGH, t.get(0).meta().confidence());
            assertEquals(List.of("q1", "q2", "q3"), t.get(0).meta().questionIds());
            assertEquals(List.of(), only(r, AddSqlSnippet.class), "a default is an instruction, not a snippet nobody names");
        }

        @Test
        void aTimePeriodOnAnotherDateColumnThanGenieChoseMakesThatColumnTheTablesDefaultDate() {
            AnalysisResult r = analyse(
                    failure("q1", "How many sales were there in 2024?", "SELECT COUNT(*) FROM main.shop.sales WHERE YEAR(sale_dt) = 2024",
                            "SELECT COUNT(*) FROM main.shop.sales WHERE sales.ship_dt >= DATE '2024-01-01' AND sales.ship_dt < DATE '2025-01-01'"),
                    failure("q2", "What was the turnover in March 2024?",
                            "SELECT SUM(amt_usd) FROM main.shop.sales WHERE sale_dt >= DATE '2024-03-01' AND sale_dt < DATE '2024-04-01'",
                            "SELECT SUM(sales.amt_usd) FROM main.shop.sales WHERE sales.ship_dt >= DATE '2024-03-01' "
                                    + "AND sales.ship_dt < DATE '2024-04-01'"));
            AppendTextInstruction t = only(r, AppendTextInstruction.class).get(0);
            assertEquals("Use sales.sale_dt as the default date for sales.", t.text());
            assertEquals(Confidence.HIGH, t.meta().confidence());
            ExtendColumnDescription d = only(r, ExtendColumnDescription.class).get(0);
            assertEquals("sale_dt", d.column());
            assertEquals(List.of(), only(r, AddSqlSnippet.class), "a time period is the question's own literal, no filter");
        }

        @Test
        void oneFailureShowingADefaultDateIsMediumConfidence() {
            AnalysisResult r = analyse(failure("q1", "How many sales were there in 2024?",
                    "SELECT COUNT(*) FROM main.shop.sales WHERE YEAR(sale_dt) = 2024",
                    "SELECT COUNT(*) FROM main.shop.sales WHERE YEAR(sales.ship_dt) = 2024"));
            assertEquals(Confidence.MEDIUM, only(r, AppendTextInstruction.class).get(0).meta().confidence());
        }
    }

    @Nested
    class EntityMatching {

        @Test
        void aValueTheQuestionSaysTurnsOnEntityMatchingAndFormatAssistanceOfItsColumn() {
            AnalysisResult r = analyse(failure("q1", "How many gold customers are there?",
                    "SELECT COUNT(*) FROM main.shop.customers WHERE tier = 'GOLD'", "SELECT COUNT(*) FROM main.shop.customers"));
            EnableEntityMatching em = only(r, EnableEntityMatching.class).get(0);
            assertEquals(CUSTOMERS, em.table());
            assertEquals("tier", em.column());
            assertEquals(Confidence.HIGH, em.meta().confidence(), "an exact literal match");
            EnableFormatAssistance fa = only(r, EnableFormatAssistance.class).get(0);
            assertEquals("tier", fa.column());
            assertEquals(List.of(), only(r, AddSqlSnippet.class));
        }

        @Test
        void valuesOfAnInListCountToo() {
            AnalysisResult r = analyse(failure("q1", "How many gold or silver customers are there?",
                    "SELECT COUNT(*) FROM main.shop.customers WHERE tier IN ('GOLD', 'SILVER')", "SELECT COUNT(*) FROM main.shop.customers"));
            assertEquals(1, only(r, EnableEntityMatching.class).size());
        }

        @Test
        void aColumnThatAlreadyMatchesEntitiesGetsNothingNew() {
            SpaceConfig space = ShopSpace.space("\"enable_format_assistance\": true, \"enable_entity_matching\": true");
            AnalysisResult r = analyse(space, failure("q1", "How many gold customers are there?",
                    "SELECT COUNT(*) FROM main.shop.customers WHERE tier = 'GOLD'", "SELECT COUNT(*) FROM main.shop.customers"));
            assertEquals(List.of(), r.fixes());
        }

        @Test
        void aValueTheQuestionDoesNotSayIsAFilterNotEntityMatching() {
            AnalysisResult r = analyse(failure("q1", "How many premium customers are there?",
                    "SELECT COUNT(*) FROM main.shop.customers WHERE tier = 'GOLD'", "SELECT COUNT(*) FROM main.shop.customers"));
            assertEquals(List.of(), only(r, EnableEntityMatching.class));
            assertEquals("premium customers", only(r, AddSqlSnippet.class).get(0).displayName());
        }
    }

    @Nested
    class Evidence {

        @Test
        void noFailuresNoFixes() {
            assertEquals(List.of(), new RuleBasedAnalyzer().analyze(ShopSpace.space(), List.of()).fixes());
        }

        @Test
        void expectedSqlThatDoesNotParseOrIsMissingIsReportedAndSkipped() {
            AnalysisResult r = analyse(failure("q1", "What is the total turnover?", "SELEKT nonsense FROM", "SELECT 1"),
                    failure("q2", "What is the total turnover?", null, "SELECT 1"));
            assertEquals(List.of(), r.fixes());
            assertTrue(r.rejected().stream().anyMatch(x -> x.contains("q1") && x.contains("parse")), r.rejected().toString());
            assertTrue(r.rejected().stream().anyMatch(x -> x.contains("q2") && x.contains("no expected SQL")), r.rejected().toString());
        }

        @Test
        void generatedSqlThatDoesNotParseCountsAsMissingEverything() {
            AnalysisResult r = analyse(failure("q1", "What is the total turnover?", "SELECT SUM(amt_usd) FROM main.shop.sales",
                    "I could not find that"));
            assertEquals("turnover", only(r, AddSynonym.class).get(0).synonym());
        }

        @Test
        void theSameFailuresGiveTheSameFixes() {
            FailureEvidence[] f = {
                    failure("q1", "How many sales did each tier make?", JoinSpecs.BY_TIER, ""),
                    failure("q2", "What is the turnover of returned sales?", "SELECT SUM(amt_usd) AS turnover FROM main.shop.sales "
                            + "WHERE status = 'RET'", "SELECT COUNT(*) FROM main.shop.sales")};
            assertEquals(analyse(f).fixes(), analyse(f).fixes());
        }

        @Test
        void everyFixTheRulesProposeForTheShopFailuresPassesTheFixEngine() {
            FailureEvidence[] failures = {
                    failure("q1", "What is the total turnover?", "SELECT SUM(amt_usd) AS turnover FROM main.shop.sales", "SELECT 1"),
                    failure("q2", "How many sales did each tier make?", JoinSpecs.BY_TIER, ""),
                    failure("q3", "What is the average basket size?",
                            "SELECT SUM(qty) / COUNT(DISTINCT sale_id) AS avg_basket_size FROM main.shop.sales", ""),
                    failure("q4", "How many gold customers are there?", "SELECT COUNT(*) FROM main.shop.customers WHERE tier = 'GOLD'", ""),
                    failure("q5", "How many order lines are there?", "SELECT COUNT(*) FROM main.shop.sale_lines",
                            "SELECT COUNT(*) FROM main.shop.sales"),
                    failure("q6", "What is the turnover of returned sales?", "SELECT SUM(amt_usd) FROM main.shop.sales WHERE status = 'RET'",
                            "SELECT SUM(sales.amt_usd) FROM main.shop.sales")};
            AnalysisResult r = analyse(failures);
            applied(ShopSpace.space(), r.fixes(), List.of("q1", "q2", "q3", "q4", "q5", "q6"));
        }
    }

    /** Plans with the columns the failures prove and applies; every fix must be valid. */
    static SpaceConfig applied(SpaceConfig space, List<Fix> fixes, List<String> ids) {
        FixPlan plan = FixEngine.plan(space, fixes, FixPolicy.defaults(space).withSchema(java.util.Map.of(
                SALES, List.of("sale_id", "cust_id", "prod_id", "sale_dt", "ship_dt", "amt_usd", "qty", "disc_pct", "channel_cd", "status", "state"),
                CUSTOMERS, List.of("customer_id", "full_name", "tier", "region_cd"),
                PRODUCTS, List.of("product_id", "product_name", "cat", "unit_cost"),
                LINES, List.of("line_id", "sale_id", "prod_id", "qty", "price"))));
        assertTrue(plan.allValid(), plan.rejected().toString());
        return FixEngine.apply(space, plan).config();
    }
}
