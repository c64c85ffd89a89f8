package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.genie.Knowledge;
import io.genieenhancer.sandbox.scenario.Scenario;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.space.SpaceConfig;

import java.util.List;
import java.util.function.UnaryOperator;

/** Scores a bundled scenario's space (or an edited copy) with the sandbox Genie, without HTTP. */
final class ScenarioScores implements AutoCloseable {

    final Scenario scenario;
    final SandboxDatabase db;

    ScenarioScores(String bundled) {
        scenario = ScenarioLoader.read(ScenarioLoader.locate(bundled));
        db = SandboxDatabase.create(scenario.catalog(), scenario.today());
        ScenarioLoader.install(scenario, db);
    }

    List<BenchmarkJudge.Outcome> outcomes(SpaceConfig space) {
        Knowledge k = BenchmarkJudge.knowledge(space, db);
        return space.benchmarks().questions().stream().map(q -> BenchmarkJudge.judge(db, k, q, false)).toList();
    }

    double score(SpaceConfig space) {
        return BenchmarkJudge.score(outcomes(space));
    }

    double score(UnaryOperator<SpaceEdits> edits) {
        return score(edits.apply(new SpaceEdits(scenario.space())).result());
    }

    List<String> failing(SpaceConfig space) {
        return outcomes(space).stream().filter(o -> !o.verdict().good()).map(o -> o.question().questionText()).toList();
    }

    @Override
    public void close() {
        db.close();
    }
}
