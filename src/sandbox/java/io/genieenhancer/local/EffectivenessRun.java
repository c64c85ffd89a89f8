package io.genieenhancer.local;

import io.genieenhancer.local.Effectiveness.Reworded;
import io.genieenhancer.local.Effectiveness.ScenarioResult;
import io.genieenhancer.local.Effectiveness.Score;
import io.genieenhancer.sandbox.Knobs;
import io.genieenhancer.sandbox.SandboxWorkspace;
import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.scenario.Scenario;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.sandbox.scenario.ScenarioReferences;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.BenchmarkQuestion;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.store.LocalRunStore;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The effectiveness benchmark's runs: each scenario's sandbox workspace in turn, on one fixed port (the
 * enhancer's Databricks host is read once, at boot), and the main job over it ({@link LocalRun}: the real
 * state machine over the real functions). Around each run, the sandbox judge scores the scenario's ideal
 * space (the ceiling) and, where the scenario has reworded questions, the bare and the final space on them.
 */
public final class EffectivenessRun {

    private final Map<String, FunctionHost.Function> functions;
    private final Path storeRoot;
    private final PrintStream log;

    public EffectivenessRun(Map<String, FunctionHost.Function> functions, Path storeRoot, PrintStream log) {
        this.functions = Map.copyOf(functions);
        this.storeRoot = storeRoot;
        this.log = log;
    }

    /**
     * @param port the port the enhancer was configured to reach the sandbox on
     * @param runIdSuffix makes the run ids of this benchmark unique in the run store
     */
    public List<ScenarioResult> run(List<String> scenarios, LocalRun.Options options, Knobs knobs, int port,
            String runIdSuffix) throws Exception {
        List<ScenarioResult> results = new ArrayList<>();
        for (String name : scenarios) {
            log.printf("%n=== scenario %s ===%n", name);
            long start = System.nanoTime();
            ScenarioResult r;
            try {
                r = one(name, options, knobs, port, runId(name, runIdSuffix));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // one broken scenario (a folder that does not load, a run that cannot start) must not hide the others
                r = Effectiveness.failed(name, 0, e.toString(), Optional.empty());
            }
            log.printf(Locale.ROOT, "=== %s: baseline %s, final %s, ceiling %s, %s (%.1f s)%n", name,
                    Effectiveness.cell(r.baseline()), Effectiveness.cell(r.result()), Effectiveness.cell(r.ceiling()),
                    r.outcome(), (System.nanoTime() - start) / 1e9);
            results.add(r);
        }
        return results;
    }

    private ScenarioResult one(String name, LocalRun.Options options, Knobs knobs, int port, String runId)
            throws Exception {
        Path folder = ScenarioLoader.locate(name);
        try (SandboxWorkspace ws = startOn(folder, knobs, port)) {
            Scenario scenario = ws.scenario();
            SandboxDatabase db = ws.state().database();
            int questions = scenario.space().benchmarks().questions().size();
            Optional<Score> ceiling = ceiling(folder, scenario, db);
            LocalRun.Outcome o = new LocalRun(functions, new LocalRunStore(storeRoot), storeRoot, log)
                    .run(ws.spaceId(), runId, options);
            SpaceConfig finalSpace = SpaceJson.parse(ws.state().space(ws.spaceId()).serializedSpace());
            Optional<Reworded> reworded = reworded(folder, scenario, db, finalSpace);
            if (o.report().isEmpty()) {
                return Effectiveness.failed(name, questions,
                        o.execution().error().orElse("no report") + " " + o.execution().cause(), ceiling);
            }
            return Effectiveness.fromReport(name, questions, o.report().get(), ceiling, reworded);
        }
    }

    /** A run id (letters, digits, {@code . _ -}, at most 128) naming the scenario, also when given as a folder path. */
    static String runId(String scenario, String suffix) {
        String name = Path.of(scenario).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        String id = "eff-" + name + "-" + suffix;
        return id.length() <= 128 ? id : "eff-" + name.substring(0, 128 - "eff-".length() - 1 - suffix.length()) + "-" + suffix;
    }

    /** The sandbox judge's score of the scenario's ideal space, when it has one. */
    public static Optional<Score> ceiling(Path folder, Scenario scenario, SandboxDatabase db) {
        return ScenarioReferences.ideal(folder, scenario).map(ideal -> judge(db, ideal, ideal.benchmarks().questions()));
    }

    /** The bare and the final space on the benchmarks and on their reworded copy, when the scenario has one. */
    public static Optional<Reworded> reworded(Path folder, Scenario scenario, SandboxDatabase db, SpaceConfig finalSpace) {
        List<BenchmarkQuestion> reworded = ScenarioReferences.reworded(folder, scenario);
        if (reworded.isEmpty()) {
            return Optional.empty();
        }
        SpaceConfig bare = scenario.space();
        List<BenchmarkQuestion> benchmarks = bare.benchmarks().questions();
        return Optional.of(new Reworded(reworded.size(), judge(db, bare, benchmarks), judge(db, finalSpace, benchmarks),
                judge(db, bare, reworded), judge(db, finalSpace, reworded)));
    }

    /** Correct answers of the sandbox Genie knowing {@code space}, out of every question asked. */
    public static Score judge(SandboxDatabase db, SpaceConfig space, List<BenchmarkQuestion> questions) {
        int good = (int) BenchmarkJudge.judgeAll(db, space, questions).stream().filter(o -> o.verdict().good()).count();
        return new Score(good, questions.size());
    }

    /** The previous scenario's server may still hold the port for a moment after it stopped. */
    private static SandboxWorkspace startOn(Path folder, Knobs knobs, int port) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return SandboxWorkspace.start(folder, knobs, Clock.systemUTC(), port);
            } catch (IllegalStateException e) {
                if (attempt == 20) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }
}
