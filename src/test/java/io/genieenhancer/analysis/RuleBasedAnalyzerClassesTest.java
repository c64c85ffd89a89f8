package io.genieenhancer.analysis;

import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.Fix.AddJoinSpec;
import io.genieenhancer.fix.Fix.AddSqlSnippet;
import io.genieenhancer.fix.Fix.AppendTextInstruction;
import io.genieenhancer.fix.Fix.ExtendColumnDescription;
import io.genieenhancer.fix.FixEngine;
import io.genieenhancer.fix.FixLog;
import io.genieenhancer.fix.FixMeta;
import io.genieenhancer.fix.FixPlan;
import io.genieenhancer.fix.FixPolicy;
import io.genieenhancer.fix.FixSource;
import io.genieenhancer.fix.Relationship;
import io.genieenhancer.fix.SnippetKind;
import io.genieenhancer.space.SpaceConfig;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.genieenhancer.analysis.ShopSpace.SALES;
import static io.genieenhancer.analysis.ShopSpace.analyse;
import static io.genieenhancer.analysis.ShopSpace.failure;
import static io.genieenhancer.analysis.ShopSpace.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failure classes of issue 11, one nested class each, on the small shop space. */
class RuleBasedAnalyzerClassesTest {

    @Nested
    class ConditionsNamedByTheirBusinessWord {

        @Test
        void theStateWordNextToTheTableNounNamesTheFilterNotAGuessedPairing() {
            AnalysisResult r = analyse(failure("q1", "What was the turnover of pending sales?",
                    "SELECT SUM(amt_usd) FROM main.shop.sales WHERE status = 'PN'", "SELECT SUM(sales.qty) FROM main.shop.sales"));
            AddSqlSnippet f = only(r, AddSqlSnippet.class).stream().filter(s -> s.kind() == SnippetKind.FILTER).findFirst().orElseThrow();
            assertEquals("pending sales", f.displayName(), r.fixes().toString());
            assertEquals("sales.status = 'PN'", f.sql());
            assertEquals(Confidence.MEDIUM, f.meta().confidence(), "anchored to its table's noun: applied by default, not cut");
            assertEquals("turnover", only(r, Fix.AddSynonym.class).get(0).synonym());
        }

        @Test
        void anAdverbOfTimeNeverNamesACondition() {
            AnalysisResult r = analyse(failure("q1", "Which sales are currently pending?",
                    "SELECT sale_id FROM main.shop.sales WHERE status = 'PN'", "SELECT sales.sale_id FROM main.shop.sales"));
            AddSqlSnippet f = only(r, AddSqlSnippet.class).get(0);
            assertEquals("pending", f.displayName(), r.fixes().toString());
        }

        @Test
        void aSingleQuestionsDateRangeIsNeverAFilterSnippet() {
            AnalysisResult r = analyse(
                    failure("q1", "What was the turnover by channel since the relaunch?",
                            "SELECT channel_cd, SUM(amt_usd) FROM main.shop.sales WHERE sale_dt >= DATE '2023-03-01' GROUP BY channel_cd",
                            "SELECT sales.channel_cd, SUM(sales.amt_usd) FROM main.shop.sales GROUP BY sales.channel_cd"));
            assertTrue(only(r, AddSqlSnippet.class).isEmpty(), r.fixes().toString());
        }
    }

    @Nested
    class WordsToCodes {

        @Test
        void theColumnDescriptionsMeaningOfTheCodeNamesTheFilterWithHighConfidence() {
            SpaceConfig space = ShopSpace.space("\"description\": [\"Loyalty tier: 'G1' means gold, 'S2' means silver\"]");
            AnalysisResult r = analyse(space, failure("q1", "How many gold customers are there?",
                    "SELECT COUNT(*) FROM main.shop.customers WHERE tier = 'G1'", "SELECT COUNT(*) FROM main.shop.customers"));
            AddSqlSnippet f = only(r, AddSqlSnippet.class).get(0);
            assertEquals("gold customers", f.displayName(), r.fixes().toString());
            assertEquals("customers.tier = 'G1'", f.sql());
            assertEquals(Confidence.HIGH, f.meta().confidence());
            assertTrue(only(r, ExtendColumnDescription.class).isEmpty(), "the description already says it: " + r.fixes());
        }

        @Test
        void aCodeTheQuestionDoesNotSayIsTaughtAsTheWordsMeaningInTheColumnDescription() {
            AnalysisResult r = analyse(failure("q1", "How many urgent sales were there?",
                    "SELECT COUNT(*) FROM main.shop.sales WHERE priority_cd = 'P2'", "SELECT COUNT(*) FROM main.shop.sales"));
            ExtendColumnDescription d = only(r, ExtendColumnDescription.class).get(0);
            assertEquals("priority_cd", d.column());
            assertEquals("'P2' means urgent.", d.description());
            assertEquals("urgent sales", only(r, AddSqlSnippet.class).get(0).displayName());
        }

        @Test
        void codeMeaningsAreReadInTheFormsDescriptionsWriteThem() {
            assertEquals(Optional.of("high priority"), Codes.meaning("P1 = urgent, P2 = high priority, P3 = normal", "P2"));
            assertEquals(Optional.of("high priority"), Codes.meaning("Priority code (P2 (High priority))", "P2"));
            assertEquals(Optional.of("france"), Codes.meaning("ISO country: 'FR' stands for France", "FR"));
            assertEquals(Optional.empty(), Codes.meaning("Priority code", "P2"));
            assertEquals(Optional.empty(), Codes.meaning("P21 = low", "P2"), "another code that starts the same");
        }
    }

    @Nested
    class DefaultRules {

        @Test
        void conditionsThatAlwaysComeTogetherAreOneDefaultRule() {
            String where = " WHERE status = 'OK' AND test_flag = 0";
            AnalysisResult r = analyse(
                    failure("q1", "What is the total turnover?", "SELECT SUM(amt_usd) FROM main.shop.sales" + where,
                            "SELECT SUM(sales.amt_usd) FROM main.shop.sales"),
                    failure("q2", "How many sales by channel?", "SELECT channel_cd, COUNT(*) FROM main.shop.sales" + where
                            + " GROUP BY channel_cd", "SELECT sales.channel_cd, COUNT(*) FROM main.shop.sales GROUP BY sales.channel_cd"),
                    failure("q3", "What is the biggest sale?", "SELECT MAX(amt_usd) FROM main.shop.sales" + where,
                            "SELECT MAX(sales.amt_usd) FROM main.shop.sales"));
            List<AppendTextInstruction> t = only(r, AppendTextInstruction.class);
            assertEquals(1, t.size(), r.fixes().toString());
            assertEquals("Unless asked otherwise, apply sales.status = 'OK' AND sales.test_flag = 0.", t.get(0).text());
            assertEquals(Confidence.HIGH, t.get(0).meta().confidence());
            assertTrue(only(r, AddSqlSnippet.class).isEmpty(), "a default is never also a snippet");
        }
    }

    @Nested
    class Metrics {

        @Test
        void aRatioOfSumsIsAMeasureNamedByTheMetricPhrase() {
            AnalysisResult r = analyse(failure("q1", "What is the refund rate by channel?",
                    "SELECT channel_cd, SUM(refund_usd) / SUM(amt_usd) FROM main.shop.sales GROUP BY channel_cd",
                    "SELECT sales.channel_cd, SUM(sales.amt_usd) FROM main.shop.sales GROUP BY sales.channel_cd"));
            AddSqlSnippet m = only(r, AddSqlSnippet.class).get(0);
            assertEquals(SnippetKind.MEASURE, m.kind());
            assertEquals("refund rate", m.displayName(), r.fixes().toString());
        }
    }

    @Nested
    class EventDates {

        @Test
        void anEventsQuestionGetsThatEventsDateColumnNotATableWideDefault() {
            AnalysisResult r = analyse(failure("q1", "How many sales were delivered in 2023?",
                    "SELECT COUNT(*) FROM main.shop.sales WHERE YEAR(delivered_dt) = 2023",
                    "SELECT COUNT(*) FROM main.shop.sales WHERE YEAR(sales.sale_dt) = 2023"));
            ExtendColumnDescription d = only(r, ExtendColumnDescription.class).get(0);
            assertEquals("delivered_dt", d.column());
            assertTrue(d.description().contains("delivered"), d.description());
            List<AppendTextInstruction> t = only(r, AppendTextInstruction.class);
            assertEquals(List.of("Use sales.delivered_dt as the date for delivered sales."), t.stream().map(AppendTextInstruction::text).toList());
            assertTrue(t.stream().noneMatch(x -> x.text().contains("default date")), r.fixes().toString());
        }
    }

    @Nested
    class JoinCardinality {

        @Test
        void anAbbreviatedKeyOfTheOtherTableMakesTheJoinManyToOne() {
            AnalysisResult r = analyse(failure("q1", "What is the turnover by customer name?",
                    "SELECT c.full_name, SUM(s.amt_usd) FROM main.shop.sales s JOIN main.shop.customers c ON s.cust_id = c.cust_id GROUP BY c.full_name",
                    "SELECT customers.full_name, SUM(sales.amt_usd) FROM main.shop.sales, main.shop.customers GROUP BY customers.full_name"));
            AddJoinSpec j = only(r, AddJoinSpec.class).get(0);
            assertEquals(Relationship.MANY_TO_ONE, j.relationship(), j.toString());
            assertEquals(SALES, j.leftTable(), "the many side is left");
            assertEquals(Confidence.HIGH, j.meta().confidence());
        }
    }

    @Nested
    class LearningAcrossIterations {

        private final Fix cutSnippet = new AddSqlSnippet(SnippetKind.FILTER, "pending sales", "", "sales.status = 'PN'", List.of(), "",
                new FixMeta(List.of("q1"), List.of("a guess"), Confidence.LOW, FixSource.RULE));
        private final Fix cutRule = new AppendTextInstruction("Unless asked otherwise, apply sales.status = 'PN'.",
                new FixMeta(List.of("q1"), List.of("a guess"), Confidence.LOW, FixSource.RULE));

        private FixLog iterationOne(Fix... fixes) {
            SpaceConfig space = ShopSpace.space();
            FixPlan plan = FixEngine.plan(space, List.of(fixes), FixPolicy.defaults(space).withMinConfidence(Confidence.MEDIUM)
                    .withSchema(java.util.Map.of(SALES, Set.of("status", "amt_usd"))));
            return FixLog.of(plan, FixEngine.apply(space, plan));
        }

        @Test
        void aStillFailingQuestionThatNothingElseExplainsGetsItsBestCutFixAtTheMinimum() {
            RunMemory memory = RunMemory.of(List.of(iterationOne(cutRule, cutSnippet)), Set.of());
            assertEquals(2, memory.cut().size(), memory.toString());
            List<Fix> up = memory.escalate(List.of(), Set.of("q1"), Confidence.MEDIUM);
            assertEquals(1, up.size(), up.toString());
            assertTrue(up.get(0) instanceof AddSqlSnippet, "a named business term over an unnamed rule: " + up);
            assertEquals(Confidence.MEDIUM, up.get(0).meta().confidence());
            assertTrue(up.get(0).meta().reasoning().stream().anyMatch(x -> x.startsWith("escalated from low")));
        }

        @Test
        void noEscalationWhenAnotherFixExplainsTheFailureOrTheFixWasRolledBackOrTheQuestionPasses() {
            RunMemory memory = RunMemory.of(List.of(iterationOne(cutSnippet)), Set.of());
            Fix other = new Fix.AddSynonym(SALES, "amt_usd", "turnover", new FixMeta(List.of("q1"), List.of("clear"), Confidence.MEDIUM,
                    FixSource.RULE));
            assertEquals(List.of(), memory.escalate(List.of(other), Set.of("q1"), Confidence.MEDIUM));
            assertEquals(List.of(), memory.escalate(List.of(), Set.of("q2"), Confidence.MEDIUM));
            RunMemory rolledBack = RunMemory.of(List.of(iterationOne(cutSnippet)), Set.of(cutSnippet.key()));
            assertEquals(List.of(), rolledBack.escalate(List.of(), Set.of("q1"), Confidence.MEDIUM));
        }
    }
}
