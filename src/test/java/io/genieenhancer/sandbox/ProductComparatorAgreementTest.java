package io.genieenhancer.sandbox;

import io.genieenhancer.evaluation.ResultComparator;
import io.genieenhancer.evaluation.ResultSet;
import io.genieenhancer.evaluation.SqlOrdering;
import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.sql.QueryResult;
import io.genieenhancer.space.SpaceConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sandbox's eval-run judgement agrees with the product's own result comparator (self-run evaluation)
 * on every retail benchmark, before and after the fixes: the two evaluators measure the same score.
 */
class ProductComparatorAgreementTest {

    static ScenarioScores retail;

    @BeforeAll
    static void load() {
        retail = new ScenarioScores("retail");
    }

    @AfterAll
    static void close() {
        retail.close();
    }

    @Test
    void verdictsAgreeOnTheBaseline() {
        assertEquals(List.of(), disagreements(retail.scenario.space()));
    }

    @Test
    void verdictsAgreeWithTheIdealConfig() {
        assertEquals(List.of(), disagreements(RetailScenarioFixes.ideal(retail.scenario.space())));
        assertEquals(List.of(), disagreements(RetailScenarioFixes.withoutExamples(retail.scenario.space()).result()));
    }

    private List<String> disagreements(SpaceConfig space) {
        ResultComparator product = new ResultComparator();
        List<String> out = new ArrayList<>();
        for (BenchmarkJudge.Outcome o : retail.outcomes(space)) {
            boolean productGood = o.actual().isPresent() && o.expected().isPresent() && product.compare(set(o.expected().get()),
                    set(o.actual().get()), SqlOrdering.ordersRows(o.question().groundTruthSql().orElseThrow())).matches();
            if (productGood != o.verdict().good()) {
                out.add(o.question().questionText() + " sandbox=" + o.verdict() + " product=" + productGood);
            }
        }
        return out;
    }

    private static ResultSet set(QueryResult r) {
        return new ResultSet(r.columns().stream().map(QueryResult.Column::name).toList(),
                r.columns().stream().map(QueryResult.Column::typeName).toList(), r.rows(), r.truncated());
    }
}
