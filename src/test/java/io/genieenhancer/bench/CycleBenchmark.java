package io.genieenhancer.bench;

import io.genieenhancer.analysis.RuleBasedAnalyzer;
import io.genieenhancer.cycle.CycleSettings;
import io.genieenhancer.cycle.EnhancementCycle;
import io.genieenhancer.cycle.Strategy;
import io.genieenhancer.evaluation.AssessmentReason;
import io.genieenhancer.evaluation.Evaluation;
import io.genieenhancer.evaluation.EvaluationJson;
import io.genieenhancer.evaluation.OutcomeStatus;
import io.genieenhancer.evaluation.QuestionOutcome;
import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.sandbox.scenario.Scenario;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.store.LocalRunStore;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;
import io.genieenhancer.testing.InMemoryGenieSpaces;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The enhancer's own overhead for one cycle (a benchmark, not a test): Databricks and the LLM stubbed at
 * zero latency (an in-memory space, no LLM), the rule-based analyser, and everything else real — load the
 * evaluation and the space, analyse ALL failures, dedupe, validate, snapshot to the run store (local
 * folder), apply, write the space once, record the fix log. Failures are the bundled retail scenario's
 * real baseline failures, repeated under new ids up to {@code bench.failures} (50). Run:
 * <pre>
 * ./mvnw -B -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.genieenhancer.bench.CycleBenchmark
 * </pre>
 */
public final class CycleBenchmark {

    private CycleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int failures = Integer.getInteger("bench.failures", 50);
        int warmup = Integer.getInteger("bench.warmup", 20);
        int reps = Integer.getInteger("bench.reps", 30);
        Scenario s = ScenarioLoader.read(ScenarioLoader.locate("retail"));
        List<QuestionOutcome> outcomes = baselineFailures(s, failures);
        System.out.printf(Locale.ROOT, "space: retail scenario (%d tables, %d columns), %d failures%n",
                s.space().dataSources().tables().size(),
                s.space().dataSources().tables().stream().mapToInt(t -> t.columnConfigs().size()).sum(), outcomes.size());

        long[] nanos = new long[reps];
        int applied = 0;
        for (int i = 0; i < warmup + reps; i++) {
            Path dir = Files.createTempDirectory("cycle-bench");
            RunStore store = new LocalRunStore(dir);
            Evaluation e = new Evaluation(0, s.spaceId(), "bench", 0, Evaluation.Mode.SELF_RUN, List.of(), 1,
                    Optional.empty(), Optional.empty(), outcomes, List.of());
            store.put(RunKeys.evaluation(s.spaceId(), "bench", 0), EvaluationJson.write(e), Map.of());
            InMemoryGenieSpaces spaces = new InMemoryGenieSpaces(s.spaceId(), s.serializedSpace());
            EnhancementCycle cycle = new EnhancementCycle(spaces, store, List.of(new RuleBasedAnalyzer()),
                    CycleSettings.defaults(), Clock.systemUTC());
            long t0 = System.nanoTime();
            EnhancementCycle.Result r = cycle.run(new EnhancementCycle.Request(s.spaceId(), "bench", 1, Optional.empty(),
                    Strategy.BATCH_ALL, false));
            long t = System.nanoTime() - t0;
            if (i >= warmup) {
                nanos[i - warmup] = t;
                applied = r.record().counts().fixesApplied();
            }
            if (spaces.updates.size() != 1) {
                throw new IllegalStateException("expected exactly one update, got " + spaces.updates.size());
            }
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "one cycle, %d failures, %d fixes applied: median %.1f ms, p90 %.1f ms, best %.1f ms "
                        + "(%d warm-up, %d measured)%n", outcomes.size(), applied, nanos[reps / 2] / 1e6,
                nanos[(int) (reps * 0.9)] / 1e6, nanos[0] / 1e6, warmup, reps);
    }

    /** The sandbox Genie's real answers to the scenario's benchmarks; failures repeated to {@code n}. */
    static List<QuestionOutcome> baselineFailures(Scenario s, int n) {
        List<QuestionOutcome> base = new ArrayList<>();
        try (SandboxDatabase db = SandboxDatabase.create(s.catalog(), s.today())) {
            ScenarioLoader.install(s, db);
            var knowledge = BenchmarkJudge.knowledge(s.space(), db);
            for (var q : s.space().benchmarks().questions()) {
                var o = BenchmarkJudge.judge(db, knowledge, q, false);
                if (!o.verdict().good()) {
                    String generated = o.answer() instanceof SandboxGenie.SqlAnswer a ? a.sql() : null;
                    base.add(QuestionOutcome.builder(q.id(), q.questionText(), 0).status(OutcomeStatus.INCORRECT)
                            .reasons(o.verdict().reasons().stream().map(AssessmentReason::parse).toList())
                            .expectedSql(q.groundTruthSql()).generatedSql(Optional.ofNullable(generated)).build());
                }
            }
        }
        List<QuestionOutcome> out = new ArrayList<>(base);
        for (int k = 0; out.size() < n; k++) {
            QuestionOutcome o = base.get(k % base.size());
            String id = String.format("%032x", 0xbe0c0000L + k);
            out.add(QuestionOutcome.builder(id, o.question(), 0).status(OutcomeStatus.INCORRECT).reasons(o.reasons())
                    .expectedSql(o.expectedSql()).generatedSql(o.generatedSql()).build());
        }
        return out.subList(0, n);
    }
}
