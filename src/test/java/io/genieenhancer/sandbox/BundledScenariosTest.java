package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.space.SpaceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled scenarios do what they are for: retail starts at 30-50 % and config knowledge alone takes
 * it to >= 90 %; regress has a plausible fix that lowers the score.
 */
class BundledScenariosTest {

    static ScenarioScores retail;
    static ScenarioScores regress;

    @BeforeAll
    static void load() {
        retail = new ScenarioScores("retail");
        regress = new ScenarioScores("regress");
    }

    @AfterAll
    static void close() {
        retail.close();
        regress.close();
    }

    @Test
    void retailIsARealisticSizeWithFiveTablesAndAtLeastThirtyBenchmarks() {
        assertThat(retail.scenario.space().dataSources().tables()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(retail.scenario.space().benchmarks().questions()).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void retailBaselineScoresBetweenThirtyAndFiftyPercent() {
        double score = retail.score(retail.scenario.space());
        assertThat(score).isBetween(0.30, 0.50);
    }

    @Test
    void retailWithTheIdealConfigAdditionsScoresAtLeastNinetyPercent() {
        SpaceConfig ideal = RetailScenarioFixes.ideal(retail.scenario.space());
        assertThat(retail.failing(ideal)).isEmpty();
        assertThat(retail.score(ideal)).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void retailReachesNinetyPercentEvenWithoutExampleSql() {
        SpaceConfig noExamples = RetailScenarioFixes.withoutExamples(retail.scenario.space()).result();
        assertThat(retail.score(noExamples)).isGreaterThanOrEqualTo(0.90);
        assertThat(retail.failing(noExamples)).containsExactly("Which products were never ordered?");
    }

    @Test
    void everyRetailFixKindIsNeededForSomeQuestion() {
        // Leaving out one kind of knowledge must cost questions: no fix in the ideal set is decoration.
        double ideal = retail.score(RetailScenarioFixes.ideal(retail.scenario.space()));
        assertThat(retail.score(e -> RetailScenarioFixes.withoutExamples(retail.scenario.space()))).isLessThan(ideal);
        SpaceConfig base = retail.scenario.space();
        assertThat(retail.score(e -> e.synonyms(RetailScenarioFixes.OI, "net_amt", "revenue"))).isGreaterThan(retail.score(base));
        assertThat(retail.score(e -> e.joinSpec(RetailScenarioFixes.O, "orders", RetailScenarioFixes.C, "customers",
                "`orders`.`customer_id` = `customers`.`customer_id`", "MANY_TO_ONE"))).isGreaterThan(retail.score(base));
        assertThat(retail.score(e -> e.entityMatching(RetailScenarioFixes.C, "status"))).isGreaterThan(retail.score(base));
        assertThat(retail.score(e -> e.measure("avg_order_value", "average order value",
                "SUM(order_items.net_amt) / COUNT(DISTINCT order_items.order_id)"))).isGreaterThan(retail.score(base));
        assertThat(retail.score(e -> e.expression("price_band", "price band",
                "CASE WHEN products.list_price < 50 THEN 'Budget' WHEN products.list_price < 200 THEN 'Mid-range' ELSE 'Premium' END")))
                .isGreaterThan(retail.score(base));
        assertThat(retail.score(e -> e.instruction("Use orders.ord_dt as the default date for orders.")))
                .isGreaterThan(retail.score(base));
    }

    @Test
    void scoringIsDeterministic() {
        List<String> first = retail.outcomes(retail.scenario.space()).stream().map(o -> o.verdict().toString()).toList();
        List<String> second = retail.outcomes(retail.scenario.space()).stream().map(o -> o.verdict().toString()).toList();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void everyGroundTruthRunsAndNoBenchmarkNeedsReview() {
        assertThat(retail.outcomes(retail.scenario.space()))
                .allSatisfy(o -> assertThat(o.expected()).as(o.question().questionText()).isPresent());
        assertThat(regress.outcomes(regress.scenario.space()))
                .allSatisfy(o -> assertThat(o.expected()).as(o.question().questionText()).isPresent());
    }

    @Test
    void regressHasAPlausibleSynonymFixThatLowersTheScore() {
        double baseline = regress.score(regress.scenario.space());
        // the naive fix: the word the Genie resolved wrongly ("sales") made a synonym of the expected column
        double naive = regress.score(e -> e.synonyms("main.shop.refunds", "amount", "sales"));
        double right = regress.score(e -> e.synonyms("main.shop.refunds", "amount", "refunded"));
        assertThat(baseline).isEqualTo(0.75);
        assertThat(naive).isLessThan(baseline);
        assertThat(right).isEqualTo(1.0);
    }

    @Test
    void theNaiveRegressFixDoesFixTheQuestionItWasMadeFor() {
        SpaceConfig naive = new SpaceEdits(regress.scenario.space()).synonyms("main.shop.refunds", "amount", "sales").result();
        assertThat(regress.failing(naive)).doesNotContain("What were the refunded sales?")
                .contains("What were the total sales?", "What were the total sales by region?");
        assertThat(BenchmarkJudge.score(regress.outcomes(naive))).isEqualTo(0.5);
    }
}
