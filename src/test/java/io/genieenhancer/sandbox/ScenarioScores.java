package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.scenario.Scenario;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.sandbox.scenario.ScenarioReferences;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.space.SpaceConfig;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Scores a bundled scenario's space (or an edited copy) with the sandbox Genie, without HTTP. */
final class ScenarioScores implements AutoCloseable {

    final Path folder;
    final Scenario scenario;
    final SandboxDatabase db;

    ScenarioScores(String bundled) {
        folder = ScenarioLoader.locate(bundled);
        scenario = ScenarioLoader.read(folder);
        db = SandboxDatabase.create(scenario.catalog(), scenario.today());
        ScenarioLoader.install(scenario, db);
    }

    List<BenchmarkJudge.Outcome> outcomes(SpaceConfig space) {
        return BenchmarkJudge.judgeAll(db, space, space.benchmarks().questions());
    }

    /** The scenario's ideal.json (bare space plus ideal knowledge), when it has one. */
    Optional<SpaceConfig> ideal() {
        return ScenarioReferences.ideal(folder, scenario);
    }

    /** Benchmarks answered right. */
    int correct(SpaceConfig space) {
        return (int) outcomes(space).stream().filter(o -> o.verdict().good()).count();
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
