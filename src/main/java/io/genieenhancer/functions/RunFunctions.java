package io.genieenhancer.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.RetryAdvice;
import io.genieenhancer.json.Json;
import io.genieenhancer.report.ReportRenderer;
import io.genieenhancer.report.RunReport;
import io.genieenhancer.report.RunReports;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;
import io.genieenhancer.store.SpaceLocks;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;

import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/** {@code finish}: the last step of every run, success or failure: write the report, release the lock. */
public class RunFunctions {

    /** The state machine's outcomes (docs/orchestration.md), plus FAILED for a run recorded after an error. */
    static final Set<String> OUTCOMES = Set.of("TARGET_MET", "NO_FIXES", "MAX_ITERATIONS", "ROLLED_BACK", "DRY_RUN",
            "FAILED");

    @Inject
    RunStore store;

    @Inject
    Clock clock;

    @RegisterForReflection
    /**
     * The state machine passes its own tally ({@code iterations}, {@code keptIteration}, scores, fix counts); the
     * report is rebuilt from the run store, and the tally names the iteration whose config the space kept.
     */
    public record FinishInput(String spaceId, String runId, String outcome, Integer iterations, Integer keptIteration,
            Double baselineScore, Double finalScore, Integer fixesApplied, Integer fixesRolledBack, String error,
            String cause, String cleanupError) {
        public FinishInput {
            Inputs.requireRun(spaceId, runId);
            Inputs.require("outcome", outcome);
            if (!OUTCOMES.contains(outcome)) {
                throw EnhancerException.invalidInput("outcome must be one of " + new java.util.TreeSet<>(OUTCOMES)
                        + ", was " + outcome);
            }
        }
    }

    /** The space-level marker a failed cleanup leaves (RunKeys.cleanupFailed); acquireLock refuses while it exists. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CleanupFailed(String runId, Integer iteration, java.time.Instant at, String error, String cleanupError,
            String reportKey) {
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FinishOutput(String spaceId, String runId, String outcome, String error,
            @JsonUnwrapped RunReport.Tally tally, String reportKey, Boolean lockReleased, RetryAdvice retry) {

        static FinishOutput retry(FinishInput in, RetryAdvice retry) {
            return new FinishOutput(in.spaceId(), in.runId(), in.outcome(), null, null, null, null, retry);
        }
    }

    @Funq
    public FinishOutput finish(JsonNode event) {
        FinishInput in = Inputs.bind(event, FinishInput.class);
        return Steps.run("finish", () -> {
            // the report names the [Code] in the cause, as the execution's own error does, not Funqy's wrapper type
            String error = in.error() == null ? null : EnhancerException.codeIn(in.cause()).map(Enum::name).orElse(in.error())
                    + (in.cause() == null ? "" : ": " + abbreviate(in.cause()));
            RunReport report = RunReports.build(store, in.spaceId(), in.runId(), in.outcome(), error, clock.instant());
            if (in.finalScore() != null) {
                report = report.withFinalScore(in.finalScore()); // the state machine knows which iteration was kept
            }
            String jsonKey = RunKeys.report(in.spaceId(), in.runId(), "json");
            store.put(jsonKey, Json.bytes(report), Map.of("outcome", in.outcome()));
            store.put(RunKeys.report(in.spaceId(), in.runId(), "md"),
                    ReportRenderer.markdown(report).getBytes(StandardCharsets.UTF_8), Map.of());
            store.put(RunKeys.report(in.spaceId(), in.runId(), "html"),
                    ReportRenderer.html(report).getBytes(StandardCharsets.UTF_8), Map.of());
            if (in.cleanupError() != null) {
                // the space may hold this run's unreverted fixes: no run may take it as its baseline until a person looks
                store.put(RunKeys.cleanupFailed(in.spaceId()), Json.bytes(new CleanupFailed(in.runId(), in.iterations(),
                        clock.instant(), error, abbreviate(in.cleanupError()), jsonKey)), Map.of("run-id", in.runId()));
            }
            boolean released = new SpaceLocks(store).release(in.spaceId(), in.runId(), clock.instant());
            return new FinishOutput(in.spaceId(), in.runId(), in.outcome(), error, report.tally(), jsonKey, released, null);
        }, retry -> FinishOutput.retry(in, retry));
    }

    /** Step Functions causes can be long JSON: keep the report readable. */
    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "…";
    }
}
