package io.genieenhancer.analysis;

import io.genieenhancer.evaluation.AssessmentReason;
import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.FixEngine;
import io.genieenhancer.fix.FixPlan;
import io.genieenhancer.fix.FixPolicy;
import io.genieenhancer.fix.FixSource;
import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.sandbox.scenario.Scenario;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The enhancement loop in-process on the bundled sandbox scenarios, with the rule-based analyser alone: evaluate
 * with the sandbox Genie on its H2 warehouse, analyse every failure, plan (leakage guard on, min confidence MEDIUM),
 * apply, re-evaluate; at most three enhancement iterations. No HTTP, no Quarkus.
 */
class RuleLoopOnSandboxTest {

    static final int MAX_ITERATIONS = 3;

    /** Scores per evaluation (index 0 = baseline) and the final space. */
    record LoopRun(List<Double> scores, SpaceConfig finalSpace, SpaceConfig baseline, List<Integer> fixesApplied) {
    }

    static LoopRun loop(String scenarioName) {
        Scenario s = ScenarioLoader.read(ScenarioLoader.locate(scenarioName));
        try (SandboxDatabase db = SandboxDatabase.create(s.catalog(), s.today())) {
            ScenarioLoader.install(s, db);
            SpaceConfig space = s.space();
            List<Double> scores = new ArrayList<>();
            List<Integer> applied = new ArrayList<>();
            RuleBasedAnalyzer analyzer = new RuleBasedAnalyzer();
            for (int iteration = 0; ; iteration++) {
                var knowledge = BenchmarkJudge.knowledge(space, db);
                List<BenchmarkJudge.Outcome> outcomes = new ArrayList<>();
                for (var q : space.benchmarks().questions()) {
                    outcomes.add(BenchmarkJudge.judge(db, knowledge, q, false));
                }
                scores.add(BenchmarkJudge.score(outcomes));
                List<FailureEvidence> failures = new ArrayList<>();
                for (var o : outcomes) {
                    if (!o.verdict().good()) {
                        String generated = o.answer() instanceof SandboxGenie.SqlAnswer a ? a.sql() : null;
                        failures.add(FailureEvidence.of(o.question().id(), o.question().questionText(),
                                o.question().groundTruthSql().orElse(null), generated,
                                o.verdict().reasons().stream().map(AssessmentReason::parse).toList()));
                    }
                }
                if (iteration == MAX_ITERATIONS || failures.isEmpty()) {
                    return new LoopRun(scores, space, s.space(), applied);
                }
                AnalysisResult result = analyzer.analyze(space, failures);
                result.fixes().forEach(f -> assertEquals(FixSource.RULE, f.meta().source()));
                // as the enhance cycle does: the columns the ground truth proves exist are the schema
                FixPlan plan = FixEngine.plan(space, result.fixes(),
                        FixPolicy.defaults(space).withMinConfidence(Confidence.MEDIUM).withSchema(EvidenceColumns.of(space, failures)));
                applied.add(plan.accepted().size());
                if (plan.accepted().isEmpty()) {
                    return new LoopRun(scores, space, s.space(), applied);
                }
                space = FixEngine.apply(space, plan).config();
            }
        }
    }

    @Test
    void theRuleBasedAnalyserAloneTakesRetailFromItsBaselineToNinetyPercentInAtMostThreeIterations() {
        LoopRun run = loop("retail");
        System.out.println("retail scores per evaluation (0 = baseline): " + run.scores() + ", fixes applied per iteration: "
                + run.fixesApplied());
        double baseline = run.scores().get(0);
        double last = run.scores().get(run.scores().size() - 1);
        assertTrue(baseline >= 0.30 && baseline <= 0.50, "baseline " + baseline);
        assertTrue(last >= 0.90, "final " + last + " after " + (run.scores().size() - 1) + " iterations: " + run.scores());
        assertTrue(run.scores().size() - 1 <= MAX_ITERATIONS);
    }

    @Test
    void noBenchmarkQuestionOrGroundTruthSqlEndsUpInTheSpacesKnowledge() {
        LoopRun run = loop("retail");
        SpaceConfig space = run.finalSpace();
        assertEquals(run.baseline().instructions().exampleQuestionSqls(), space.instructions().exampleQuestionSqls(),
                "the rules never write example SQL");
        String before = normalised(SpaceJson.print(run.baseline().withBenchmarks(null)));
        String after = normalised(SpaceJson.print(space.withBenchmarks(null)));
        for (var q : space.benchmarks().questions()) {
            String question = normalised(q.questionText());
            // the scenario's sample questions repeat two benchmarks: only what the loop added counts
            assertFalse(after.contains(question) && !before.contains(question), "benchmark question copied: " + q.questionText());
            q.groundTruthSql().ifPresent(sql -> assertFalse(after.contains(normalised(sql)), "ground truth copied: " + sql));
        }
    }

    @Test
    void onTheRegressScenarioTheRulesNeverLowerTheScore() {
        LoopRun run = loop("regress");
        System.out.println("regress scores per evaluation: " + run.scores());
        for (int i = 1; i < run.scores().size(); i++) {
            assertTrue(run.scores().get(i) >= run.scores().get(i - 1), "score fell: " + run.scores());
        }
    }

    /** Letters and digits only, one space between words: formatting differences do not hide a copy. */
    private static String normalised(String text) {
        return text.toLowerCase(Locale.ROOT).replace("\\n", " ").replaceAll("[^a-z0-9]+", " ").strip();
    }
}
