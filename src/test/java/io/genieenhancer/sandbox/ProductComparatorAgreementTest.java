package io.genieenhancer.sandbox;

import io.genieenhancer.evaluation.Comparison;
import io.genieenhancer.evaluation.EvaluationSettings;
import io.genieenhancer.evaluation.OutcomeStatus;
import io.genieenhancer.evaluation.ResultComparator;
import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.eval.ResultComparison;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.space.SpaceConfig;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sandbox's eval-run judgement agrees with the product's self-run evaluation (its
 * {@link ResultComparator} at the product's default settings) on every benchmark of every bundled
 * scenario, on the bare space and on the ideal one: the two evaluators measure the same score.
 */
class ProductComparatorAgreementTest {

    @TestFactory
    Stream<DynamicContainer> verdictsAgreeOnEveryBundledScenario() {
        return ScenarioLoader.bundledNames().stream().map(name -> DynamicContainer.dynamicContainer(name, Stream.of(
                DynamicTest.dynamicTest("bare space", () -> {
                    try (ScenarioScores s = new ScenarioScores(name)) {
                        assertEquals(List.of(), disagreements(s, s.scenario.space()));
                    }
                }),
                DynamicTest.dynamicTest("ideal space (where the scenario has one)", () -> {
                    try (ScenarioScores s = new ScenarioScores(name)) {
                        Optional<SpaceConfig> ideal = s.ideal();
                        if (ideal.isPresent()) {
                            assertEquals(List.of(), disagreements(s, ideal.get()));
                        }
                    }
                }))));
    }

    @Test
    void verdictsAgreeOnRetailWithoutItsExampleSql() {
        try (ScenarioScores retail = new ScenarioScores("retail")) {
            assertEquals(List.of(), disagreements(retail, RetailScenarioFixes.withoutExamples(retail.scenario.space()).result()));
        }
    }

    private static List<String> disagreements(ScenarioScores scenario, SpaceConfig space) {
        ResultComparator product = new ResultComparator(EvaluationSettings.DEFAULTS.comparison());
        List<String> out = new ArrayList<>();
        for (BenchmarkJudge.Outcome o : scenario.outcomes(space)) {
            OutcomeStatus sandbox = switch (o.verdict().assessment()) {
                case GOOD -> OutcomeStatus.CORRECT;
                case BAD -> OutcomeStatus.INCORRECT;
                case NEEDS_REVIEW -> OutcomeStatus.NOT_SCORABLE;
            };
            OutcomeStatus self = selfRun(product, o);
            if (self != sandbox) {
                out.add(o.question().questionText() + ": sandbox " + o.verdict() + ", product " + self);
            }
        }
        return out;
    }

    /** What the self-run evaluator records: a failed ground truth is not scorable, no result is incorrect. */
    private static OutcomeStatus selfRun(ResultComparator product, BenchmarkJudge.Outcome o) {
        if (o.expected().isEmpty()) {
            return OutcomeStatus.NOT_SCORABLE;
        }
        if (o.actual().isEmpty() || !(o.answer() instanceof SandboxGenie.SqlAnswer sql)) {
            return OutcomeStatus.INCORRECT;
        }
        Comparison c = product.compare(o.question().groundTruthSql().orElseThrow(), ResultComparison.resultSet(o.expected().get()),
                sql.sql(), ResultComparison.resultSet(o.actual().get()));
        return switch (c.verdict()) {
            case MATCH -> OutcomeStatus.CORRECT;
            case MISMATCH -> OutcomeStatus.INCORRECT;
            case INCONCLUSIVE -> OutcomeStatus.NOT_SCORABLE;
        };
    }
}
