package io.genieenhancer.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.genieenhancer.json.Json;
import io.genieenhancer.report.ReportRenderer;
import io.genieenhancer.report.RunReport;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One enhancement run on this machine: the REAL state machine definition (terraform/statemachine),
 * executed by the local ASL interpreter, whose task states call the REAL functions served by a
 * {@link FunctionHost}. The same path the main job ({@code ./run-local}) and the end-to-end tests take.
 */
public final class LocalRun {

    /** What the execution is started with (the state machine's input contract). */
    public record Options(int maxIterations, double targetScore, String strategy, String evaluator, int repeats,
            boolean realWaits, int questionConcurrency, int evaluationPollSeconds) {
        public static Options defaults() {
            return new Options(3, 0.9, "BATCH_ALL", "SELF_RUN", 1, true, 8, 1);
        }

        public Options withRealWaits(boolean on) {
            return new Options(maxIterations, targetScore, strategy, evaluator, repeats, on, questionConcurrency,
                    evaluationPollSeconds);
        }
    }

    public record Outcome(LocalStateMachine.Execution execution, Optional<RunReport> report, String runId,
            Path runFolder, Duration took, List<FunctionHost.Call> calls) {
        public boolean succeeded() {
            return execution.succeeded();
        }
    }

    private final Map<String, FunctionHost.Function> functions;
    private final RunStore store;
    private final Path storeRoot;
    private final PrintStream out;

    /**
     * @param storeRoot the folder of the local run store (reports are printed as paths under it)
     */
    public LocalRun(Map<String, FunctionHost.Function> functions, RunStore store, Path storeRoot, PrintStream out) {
        this.functions = Map.copyOf(functions);
        this.store = store;
        this.storeRoot = storeRoot;
        this.out = out;
    }

    public Outcome run(String spaceId, String runId, Options options) throws Exception {
        ObjectNode input = Json.MAPPER.createObjectNode()
                .put("spaceId", spaceId)
                .put("maxIterations", options.maxIterations())
                .put("targetScore", options.targetScore())
                .put("strategy", options.strategy())
                .put("evaluator", options.evaluator())
                .put("repeats", options.repeats());
        long start = System.nanoTime();
        try (FunctionHost host = new FunctionHost()) {
            functions.forEach(host::register);
            host.onCall(new Progress(out)::print);
            LocalStateMachine.Execution execution = new LocalStateMachine().run(host, runId, input, options.realWaits(),
                    Map.of("question_concurrency", String.valueOf(options.questionConcurrency()),
                            "evaluation_poll_seconds", String.valueOf(options.evaluationPollSeconds()),
                            // the local interpreter keeps no history, and with 0 s between polls its poll loop spins
                            // where AWS waits: the history estimate would count nothing real
                            "history_budget", String.valueOf(Integer.MAX_VALUE)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Optional<RunReport> report = store.get(RunKeys.report(spaceId, runId, "json"))
                    .map(c -> Json.read(c.content(), RunReport.class));
            return new Outcome(execution, report, runId, storeRoot.resolve(RunKeys.run(spaceId, runId)), took,
                    host.calls());
        }
    }

    /**
     * The least time this run could take: the indexing waits it was asked to honour plus, per evaluation,
     * ⌈questions ÷ concurrency⌉ × Genie's latency. Everything above it is the enhancer's (and the local
     * interpreter's) own cost.
     */
    public static Duration floor(List<FunctionHost.Call> calls, int concurrency, Duration genieLatency) {
        long waits = calls.stream().filter(c -> c.function().equals("enhance") && c.output() != null
                        && "APPLIED".equals(c.output().path("status").asText()))
                .mapToLong(c -> c.output().path("indexingWaitSeconds").asLong()).sum();
        long rounds = calls.stream().filter(c -> c.function().equals("pollEvaluation") && c.output() != null
                        && c.output().path("done").asBoolean())
                .mapToLong(c -> (c.output().path("total").asLong() + concurrency - 1) / concurrency).sum();
        return Duration.ofSeconds(waits).plus(genieLatency.multipliedBy(rounds));
    }

    /** The end-of-run table: iteration, score, verdict, fixes applied by type, rolled back. */
    public static String table(RunReport r, Duration took) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-9s  %-16s  %-11s  %-11s  %s%n", "iteration", "score", "verdict",
                "rolled back", "fixes applied by type"));
        for (RunReport.IterationRow row : r.rows()) {
            String score = ReportRenderer.percent(row.score())
                    + (row.correct() == null ? "" : " (" + row.correct() + "/" + row.scorable() + ")");
            b.append(String.format(Locale.ROOT, "%-9d  %-16s  %-11s  %-11s  %s%n", row.iteration(), score,
                    row.verdict() == null ? "–" : row.verdict(), row.rolledBack() ? "yes" : "no",
                    row.byType() == null || row.byType().isEmpty() ? "–" : row.byType()));
        }
        b.append(String.format(Locale.ROOT, "outcome %s: %s → %s, %d fixes applied, %d rolled back, total time %.1f s%n",
                r.outcome(), ReportRenderer.percent(r.tally().baselineScore()), ReportRenderer.percent(r.tally().finalScore()),
                r.tally().fixesApplied(), r.tally().fixesRolledBack(), took.toMillis() / 1000.0));
        return b.toString();
    }

    /** Live progress: one line per step that means something to a person. */
    static final class Progress {
        private final PrintStream out;

        Progress(PrintStream out) {
            this.out = out;
        }

        void print(FunctionHost.Call c) {
            JsonNode in = c.payload();
            JsonNode o = c.output();
            String it = in == null ? "?" : in.path("iteration").asText("?");
            if (c.error() != null) {
                out.printf("  %-14s failed: %s%n", c.function(), c.error());
                return;
            }
            if (o != null && o.hasNonNull("retry")) {
                out.printf("  %-14s %s, retrying in %d s%n", c.function(), o.at("/retry/error").asText(),
                        o.at("/retry/retryAfterSeconds").asInt());
                return;
            }
            switch (c.function()) {
                case "acquireLock" -> out.printf("lock on space %s acquired for run %s%n", in.path("spaceId").asText(),
                        in.path("runId").asText());
                case "pollEvaluation" -> {
                    if (o.path("done").asBoolean()) {
                        out.printf("iteration %s: score %s (%d/%d correct)%n", it,
                                ReportRenderer.percent(o.path("score").asDouble()), o.path("correct").asInt(),
                                o.path("scorable").asInt());
                    }
                }
                case "enhance" -> out.printf("iteration %s: %s — %d fixes applied %s (proposed %d, valid %d), "
                                + "re-index wait %d s%n", it, o.path("status").asText(), o.path("fixesApplied").asInt(),
                        o.path("byType").isMissingNode() ? "{}" : o.path("byType"), o.path("fixesProposed").asInt(),
                        o.path("fixesValid").asInt(), o.path("indexingWaitSeconds").asInt());
                case "judge" -> out.printf("iteration %s: %s (%s → %s)%n", it, o.path("verdict").asText(),
                        ReportRenderer.percent(o.path("previousScore").asDouble()),
                        ReportRenderer.percent(o.path("score").asDouble()));
                case "rollback" -> out.printf("iteration %s: rolled back to %s%n", it, o.path("snapshotKey").asText());
                case "finish" -> out.printf("finished: %s%n", o.path("outcome").asText());
                default -> {
                }
            }
        }
    }

}
