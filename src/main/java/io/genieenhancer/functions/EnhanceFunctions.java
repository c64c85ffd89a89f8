package io.genieenhancer.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.analysis.AnalysisConfig;
import io.genieenhancer.analysis.FailureAnalyzer;
import io.genieenhancer.cycle.CycleConfig;
import io.genieenhancer.cycle.EnhancementCycle;
import io.genieenhancer.cycle.IterationRecord;
import io.genieenhancer.cycle.IterationRollback;
import io.genieenhancer.cycle.Strategy;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.RetryAdvice;
import io.genieenhancer.llm.LlmUsage;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;
import io.genieenhancer.time.Deadline;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code enhance} (one whole enhancement cycle) and {@code rollback} (undo one iteration). */
public class EnhanceFunctions {

    /** Step Functions payloads stay far below 256 KB: a longer diff is only in the run store. */
    static final int MAX_DIFF_IN_OUTPUT = 20_000;

    @Inject
    GenieSpaces spaces;

    @Inject
    RunStore store;

    @Inject
    Instance<FailureAnalyzer> analyzers;

    @Inject
    CycleConfig config;

    @Inject
    AnalysisConfig analysis;

    @Inject
    Clock clock;

    @RegisterForReflection
    public record EnhanceInput(String spaceId, String runId, Integer iteration, String evaluationKey, String strategy,
            Boolean dryRun) {
        public EnhanceInput {
            Inputs.requireRun(spaceId, runId);
            Inputs.requireIteration(iteration, 1);
            Strategy.of(strategy);
        }
    }

    /** One flat object on the wire (the state machine reads its fields by path); grouped here for readers. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnhanceOutput(String status, String spaceId, String runId, Integer iteration,
            @JsonUnwrapped Figures figures, @JsonUnwrapped Written written, String diff, RetryAdvice retry) {

        /** What the cycle analysed and planned; {@code fixesApplied} is 0 for a dry run. */
        @RegisterForReflection
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Figures(int failuresAnalysed, int fixesProposed, int fixesValid, int fixesApplied, int fixesCarried,
                Map<String, Integer> byType, LlmUsage llmUsage) {
        }

        /** Where the cycle's records are, and how long the state machine waits for Genie to re-index. */
        @RegisterForReflection
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public record Written(String snapshotKey, String fixLogKey, boolean entityMatchingChanged,
                int indexingWaitSeconds, boolean alreadyApplied) {
        }

        static EnhanceOutput of(EnhanceInput in, EnhancementCycle.Result r, String dryRunDiff) {
            IterationRecord rec = r.record();
            boolean dry = r.status() == EnhancementCycle.Status.DRY_RUN;
            return new EnhanceOutput(r.status().name(), in.spaceId(), in.runId(), in.iteration(),
                    new Figures(rec.analysed().failuresAnalysed(), rec.counts().fixesProposed(), rec.counts().fixesValid(),
                            dry ? 0 : rec.counts().fixesApplied(), rec.carried().size(), rec.counts().byType(),
                            rec.analysed().llmUsage()),
                    new Written(rec.write().snapshotKey(), r.fixLogKey(), rec.write().entityMatchingChanged(),
                            rec.write().indexingWaitSeconds(), r.alreadyApplied()),
                    dry ? dryRunDiff : null, null);
        }

        static EnhanceOutput retry(EnhanceInput in, RetryAdvice retry) {
            return new EnhanceOutput("RETRY", in.spaceId(), in.runId(), in.iteration(), null, null, null, retry);
        }
    }

    @RegisterForReflection
    public record RollbackInput(String spaceId, String runId, Integer iteration) {
        public RollbackInput {
            Inputs.requireRun(spaceId, runId);
            Inputs.requireIteration(iteration, 1);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RollbackOutput(String spaceId, String runId, Integer iteration, Boolean restored, String snapshotKey,
            List<String> rejectedFixes, String etag, RetryAdvice retry) {

        static RollbackOutput retry(RollbackInput in, RetryAdvice retry) {
            return new RollbackOutput(in.spaceId(), in.runId(), in.iteration(), null, null, null, null, retry);
        }
    }

    @Funq
    public EnhanceOutput enhance(JsonNode event) {
        // counted from the start of the invocation: the Lambda's timeout runs from (about) here
        Deadline deadline = Deadline.after(config.timeBudget(), clock);
        EnhanceInput in = Inputs.bind(event, EnhanceInput.class);
        return Steps.run("enhance", () -> {
            List<FailureAnalyzer> active = analyzers.stream()
                    .sorted(Comparator.comparing(FailureAnalyzer::name).reversed()) // "rule" before "llm"
                    .toList();
            EnhancementCycle cycle = new EnhancementCycle(spaces, store, active, config.settings(analysis.minimum()), clock);
            EnhancementCycle.Result r = cycle.run(new EnhancementCycle.Request(in.spaceId(), in.runId(), in.iteration(),
                    Optional.ofNullable(in.evaluationKey()), Strategy.of(in.strategy()), Boolean.TRUE.equals(in.dryRun()),
                    deadline));
            String diff = r.record().diffMarkdown();
            if (diff != null && diff.length() > MAX_DIFF_IN_OUTPUT) {
                diff = diff.substring(0, MAX_DIFF_IN_OUTPUT) + "\n… (full diff in " + r.fixLogKey() + ")\n";
            }
            return EnhanceOutput.of(in, r, diff);
        }, retry -> EnhanceOutput.retry(in, retry));
    }

    @Funq
    public RollbackOutput rollback(JsonNode event) {
        RollbackInput in = Inputs.bind(event, RollbackInput.class);
        return Steps.run("rollback", () -> {
            IterationRollback.Result r = new IterationRollback(spaces, store, clock)
                    .rollback(in.spaceId(), in.runId(), in.iteration());
            return new RollbackOutput(in.spaceId(), in.runId(), in.iteration(), r.restored(), r.snapshotKey(),
                    r.rejectedFixes(), r.etag(), null);
        }, retry -> RollbackOutput.retry(in, retry));
    }
}
