package io.genieenhancer.local;

import io.genieenhancer.json.Json;
import io.genieenhancer.report.RunReport;
import io.genieenhancer.sandbox.Knobs;
import io.genieenhancer.sandbox.SandboxWorkspace;
import io.genieenhancer.sandbox.scenario.ScenarioException;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.store.LocalRunStore;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local main job ({@code ./run-local}): starts the sandbox workspace with a scenario, boots the
 * enhancer against it, and runs the real state machine over the real functions. Built only by the
 * {@code local} Maven profile, never into function.zip.
 */
@QuarkusMain
public final class LocalMain {

    static final String USAGE = """
            Usage: ./run-local [options]
              --scenario NAME|DIR     bundled scenario (src/sandbox/resources/scenarios/NAME) or a folder [retail]
              --max-iterations N      enhancement iterations at most                             [3]
              --target SCORE          stop when the score reaches it (0..1)                      [0.9]
              --strategy S            BATCH_ALL | BY_CATEGORY | ONE_BY_ONE                       [BATCH_ALL]
              --evaluator E           AUTO | EVAL_RUNS | SELF_RUN                                [SELF_RUN]
              --out DIR               run store folder (reports land under it)                  [runs]
              --no-waits              skip the Wait states (shows stale scores: the sandbox re-indexes late)
            The effectiveness benchmark (README, "Benchmarks"): every bundled scenario through the main job,
            no waits (sandbox re-index delay and Genie latency 0 unless set), rule-based analyser:
              --effectiveness         run it; prints the table, writes effectiveness.md and .json to --out
              --scenarios a,b         only these scenarios (names or folders)                    [all bundled]
              with it: --target defaults to 1.0 (every iteration is tried), --out to runs/effectiveness
            Sandbox knobs (system properties or environment, see docs/sandbox.md):
              sandbox.reindex-delay-seconds [5], sandbox.genie-latency-ms [200],
              sandbox.rate-limit-per-minute [0 = none], sandbox.flip-rate [0], sandbox.seed [42]
            """;

    private static volatile Job job;

    /** What the Quarkus app does once booted: one run, or the effectiveness benchmark. */
    sealed interface Job permits Run, Benchmark {
    }

    record Run(SandboxWorkspace workspace, LocalRun.Options options, Path out, String runId) implements Job {
    }

    record Benchmark(List<String> scenarios, LocalRun.Options options, Knobs knobs, int port, Path out, String command)
            implements Job {
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
            job = opts.containsKey("effectiveness") ? benchmark(opts, args) : singleRun(opts);
        } catch (ScenarioException | IllegalArgumentException | IOException e) {
            System.err.println("run-local: " + e.getMessage());
            System.exit(2);
            return;
        }
        Quarkus.run(App.class, (code, failure) -> {
            if (job instanceof Run r) {
                r.workspace().close();
            }
            if (failure != null) {
                System.err.println("run-local: " + failure.getMessage());
            }
            System.exit(code);
        }, args);
    }

    private static Run singleRun(Map<String, String> opts) {
        Knobs knobs = Knobs.fromEnvironment();
        LocalRun.Options options = options(opts, "0.9", !opts.containsKey("no-waits"), knobs);
        SandboxWorkspace workspace = SandboxWorkspace.start(opts.getOrDefault("scenario", "retail"), knobs);
        Path out = Path.of(opts.getOrDefault("out", "runs")).toAbsolutePath();
        configureEnhancer(workspace.url(), workspace.token(), out, knobs);
        System.out.printf("sandbox workspace %s: scenario %s, space %s (re-index delay %s, Genie latency %d ms)%n",
                workspace.url(), workspace.scenario().name(), workspace.spaceId(), knobs.reindexDelay(),
                knobs.genieLatency().toMillis());
        return new Run(workspace, options, out, "local-" + timestamp());
    }

    private static Benchmark benchmark(Map<String, String> opts, String... args) throws IOException {
        // no real waits: the sandbox re-indexes and answers at once unless a knob is set explicitly
        Knobs knobs = Knobs.from(k -> Knobs.explicit(k).or(() -> switch (k) {
            case Knobs.REINDEX_DELAY, Knobs.ENTITY_MATCHING_REINDEX_DELAY, Knobs.GENIE_LATENCY -> Optional.of("0");
            default -> Optional.empty();
        }));
        List<String> scenarios = opts.containsKey("scenarios")
                ? List.of(opts.get("scenarios").split(",")).stream().map(String::strip).filter(x -> !x.isEmpty()).toList()
                : ScenarioLoader.bundledNames();
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("no scenarios to run");
        }
        scenarios.forEach(ScenarioLoader::locate); // an unknown name fails now, not after the first runs
        Path out = Path.of(opts.getOrDefault("out", "runs/effectiveness")).toAbsolutePath();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        // any non-empty bearer token is accepted by every sandbox workspace
        configureEnhancer("http://127.0.0.1:" + port, "dapi-sandbox-effectiveness", out.resolve("runs"), knobs);
        System.out.printf("effectiveness benchmark: %d scenarios %s, sandbox on port %d (re-index delay %s, Genie latency %d ms)%n",
                scenarios.size(), scenarios, port, knobs.reindexDelay(), knobs.genieLatency().toMillis());
        return new Benchmark(scenarios, options(opts, "1.0", false, knobs), knobs, port, out,
                "./run-local " + String.join(" ", args));
    }

    private static LocalRun.Options options(Map<String, String> opts, String defaultTarget, boolean realWaits, Knobs knobs) {
        return new LocalRun.Options(Integer.parseInt(opts.getOrDefault("max-iterations", "3")),
                Double.parseDouble(opts.getOrDefault("target", defaultTarget)), opts.getOrDefault("strategy", "BATCH_ALL"),
                opts.getOrDefault("evaluator", "SELF_RUN"), 1, realWaits, questionConcurrency(knobs), 0);
    }

    /** The enhancer talks to the sandbox exactly as to a workspace; these are read once, when Quarkus boots. */
    private static void configureEnhancer(String url, String token, Path store, Knobs knobs) {
        System.setProperty("enhancer.databricks.host", url);
        System.setProperty("enhancer.databricks.token", token);
        System.setProperty("enhancer.store.kind", "local");
        System.setProperty("enhancer.store.local-dir", store.toString());
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
    }

    private static String timestamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
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
                case "--effectiveness" -> m.put("effectiveness", "");
                case "--scenario", "--scenarios", "--max-iterations", "--target", "--strategy", "--evaluator", "--out" -> {
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
            // Java 17: no pattern switch over the sealed Job yet
            if (job instanceof Benchmark b) {
                return benchmark(b);
            }
            return single((Run) job);
        }

        private static int benchmark(Benchmark b) throws Exception {
            long start = System.nanoTime();
            List<Effectiveness.ScenarioResult> results = new EffectivenessRun(LocalFunctions.fromContainer(),
                    b.out().resolve("runs"), System.out).run(b.scenarios(), b.options(), b.knobs(), b.port(), timestamp());
            String table = Effectiveness.markdown(results, b.options().maxIterations());
            Files.createDirectories(b.out());
            Files.writeString(b.out().resolve("effectiveness.md"), "`" + b.command() + "`\n\n" + table);
            Files.writeString(b.out().resolve("effectiveness.json"),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Effectiveness.json(results, b.command())));
            System.out.println();
            System.out.print(table);
            System.out.println();
            System.out.printf(java.util.Locale.ROOT, "%d scenarios in %.1f s; written: %s, %s%n", results.size(),
                    (System.nanoTime() - start) / 1e9, b.out().resolve("effectiveness.md"), b.out().resolve("effectiveness.json"));
            return results.stream().anyMatch(r -> r.outcome().startsWith("FAILED")) ? 1 : 0;
        }

        private static int single(Run r) throws Exception {
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
