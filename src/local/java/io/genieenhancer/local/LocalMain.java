package io.genieenhancer.local;

import io.genieenhancer.report.RunReport;
import io.genieenhancer.sandbox.Knobs;
import io.genieenhancer.sandbox.SandboxWorkspace;
import io.genieenhancer.sandbox.scenario.ScenarioException;
import io.genieenhancer.store.LocalRunStore;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local main job ({@code ./run-local}): starts the sandbox workspace with a scenario, boots the
 * enhancer against it, and runs the real state machine over the real functions. Built only by the
 * {@code local} Maven profile, never into function.zip.
 */
@QuarkusMain
public final class LocalMain {

    static final String USAGE = """
            Usage: ./run-local [options]
              --scenario NAME|DIR     bundled scenario (retail, regress) or a scenario folder   [retail]
              --max-iterations N      enhancement iterations at most                             [3]
              --target SCORE          stop when the score reaches it (0..1)                      [0.9]
              --strategy S            BATCH_ALL | BY_CATEGORY | ONE_BY_ONE                       [BATCH_ALL]
              --evaluator E           AUTO | EVAL_RUNS | SELF_RUN                                [SELF_RUN]
              --out DIR               run store folder (reports land under it)                  [runs]
              --no-waits              skip the Wait states (shows stale scores: the sandbox re-indexes late)
            Sandbox knobs (system properties or environment, see docs/sandbox.md):
              sandbox.reindex-delay-seconds [5], sandbox.genie-latency-ms [200],
              sandbox.rate-limit-per-minute [0 = none], sandbox.flip-rate [0], sandbox.seed [42]
            """;

    private static volatile Run run;

    record Run(SandboxWorkspace workspace, LocalRun.Options options, Path out, String runId) {
    }

    public static void main(String... args) {
        Map<String, String> opts;
        try {
            opts = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (opts.containsKey("help")) {
            System.out.print(USAGE);
            return;
        }
        try {
            Knobs knobs = Knobs.fromEnvironment();
            LocalRun.Options options = new LocalRun.Options(Integer.parseInt(opts.getOrDefault("max-iterations", "3")),
                    Double.parseDouble(opts.getOrDefault("target", "0.9")), opts.getOrDefault("strategy", "BATCH_ALL"),
                    opts.getOrDefault("evaluator", "SELF_RUN"), 1, !opts.containsKey("no-waits"),
                    questionConcurrency(knobs), 0);
            SandboxWorkspace workspace = SandboxWorkspace.start(opts.getOrDefault("scenario", "retail"), knobs);
            Path out = Path.of(opts.getOrDefault("out", "runs")).toAbsolutePath();
            String runId = "local-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            run = new Run(workspace, options, out, runId);
            // the enhancer talks to the sandbox exactly as to a workspace
            System.setProperty("enhancer.databricks.host", workspace.url());
            System.setProperty("enhancer.databricks.token", workspace.token());
            System.setProperty("enhancer.store.kind", "local");
            System.setProperty("enhancer.store.local-dir", out.toString());
            // Genie here needs the sandbox's re-index delay (plus a margin), not Databricks' 30 s
            long wait = knobs.reindexDelay().toSeconds() + 1;
            long emWait = knobs.entityMatchingReindexDelay().toSeconds() + 1;
            System.setProperty("enhancer.enhance.indexing-wait", wait + "s");
            System.setProperty("enhancer.enhance.entity-matching-wait", emWait + "s");
            // poll the sandbox's Genie at its own pace (Databricks needs seconds, the sandbox milliseconds)
            System.setProperty("enhancer.evaluation.poll-interval", "50ms");
            // pace questions by the sandbox's own rate limit (Databricks' default budget is 5 a minute)
            System.setProperty("enhancer.evaluation.questions-per-minute",
                    knobs.rateLimitPerMinute() > 0 ? String.valueOf(knobs.rateLimitPerMinute()) : "6000");
            System.out.printf("sandbox workspace %s: scenario %s, space %s (re-index delay %s, Genie latency %d ms)%n",
                    workspace.url(), workspace.scenario().name(), workspace.spaceId(), knobs.reindexDelay(),
                    knobs.genieLatency().toMillis());
        } catch (ScenarioException | IllegalArgumentException e) {
            System.err.println("run-local: " + e.getMessage());
            System.exit(2);
            return;
        }
        Quarkus.run(App.class, (code, failure) -> {
            run.workspace().close();
            if (failure != null) {
                System.err.println("run-local: " + failure.getMessage());
            }
            System.exit(code);
        }, args);
    }

    /**
     * The Map state's MaxConcurrency: as many questions in flight as the sandbox's rate limit allows over
     * one Genie latency (8 without a limit), at least one.
     */
    static int questionConcurrency(Knobs knobs) {
        if (knobs.rateLimitPerMinute() == 0) {
            return 8;
        }
        double perLatency = knobs.rateLimitPerMinute() * Math.max(0.05, knobs.genieLatency().toMillis() / 1000.0) / 60.0;
        return (int) Math.max(1, Math.min(8, Math.floor(perLatency)));
    }

    static Map<String, String> parse(String... args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> m.put("help", "");
                case "--no-waits" -> m.put("no-waits", "");
                case "--scenario", "--max-iterations", "--target", "--strategy", "--evaluator", "--out" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    m.put(a.substring(2), args[++i]);
                }
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return m;
    }

    public static final class App implements QuarkusApplication {
        @Override
        public int run(String... args) throws Exception {
            Run r = run;
            LocalRun local = new LocalRun(LocalFunctions.fromContainer(), new LocalRunStore(r.out()), r.out(), System.out);
            LocalRun.Outcome outcome = local.run(r.workspace().spaceId(), r.runId(), r.options());
            System.out.println();
            if (!outcome.succeeded()) {
                System.out.printf("the run failed: %s — %s%n", outcome.execution().error().orElse("?"),
                        outcome.execution().cause());
            }
            outcome.report().ifPresent(rep -> printReport(rep, outcome.took(), outcome.runFolder()));
            Duration floor = LocalRun.floor(outcome.calls(), r.options().questionConcurrency(),
                    r.workspace().state().knobs().genieLatency());
            System.out.printf(java.util.Locale.ROOT, "wall time %.1f s; floor %.1f s (indexing waits + ⌈questions ÷ %d⌉ × "
                            + "Genie latency per evaluation); ratio %.2f%n", outcome.took().toMillis() / 1000.0,
                    floor.toMillis() / 1000.0, r.options().questionConcurrency(),
                    floor.isZero() ? 0.0 : (double) outcome.took().toMillis() / floor.toMillis());
            java.util.Map<String, Long> byFunction = new java.util.TreeMap<>();
            outcome.calls().forEach(c -> byFunction.merge(c.function(), c.took().toMillis(), Long::sum));
            System.out.println("time inside functions (ms, summed over calls): " + byFunction);
            return outcome.succeeded() ? 0 : 1;
        }

        private static void printReport(RunReport rep, Duration took, Path folder) {
            System.out.print(LocalRun.table(rep, took));
            System.out.println("reports:");
            for (String ext : new String[]{"json", "md", "html"}) {
                System.out.println("  " + folder.resolve("report." + ext));
            }
        }
    }
}
