package io.genieenhancer.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

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
    Clock clock;

    @RegisterForReflection
    public record EnhanceInput(String spaceId, String runId, Integer iteration, String evaluationKey, String strategy,
            Boolean dryRun) {
        public EnhanceInput {
            RunKeys.safe("spaceId", spaceId);
            RunKeys.safe("runId", runId);
            if (iteration == null || iteration < 1) {
                throw EnhancerException.invalidInput("field \"iteration\" is required and must be >= 1");
            }
            Strategy.of(strategy);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnhanceOutput(String status, String spaceId, String runId, Integer iteration, Integer failuresAnalysed,
            Integer fixesProposed, Integer fixesValid, Integer fixesApplied, Integer fixesCarried,
            Map<String, Integer> byType, String snapshotKey, String fixLogKey, Boolean entityMatchingChanged,
            Integer indexingWaitSeconds, Boolean alreadyApplied, LlmUsage llmUsage, String diff, RetryAdvice retry) {
    }

    @RegisterForReflection
    public record RollbackInput(String spaceId, String runId, Integer iteration) {
        public RollbackInput {
            RunKeys.safe("spaceId", spaceId);
            RunKeys.safe("runId", runId);
            if (iteration == null || iteration < 1) {
                throw EnhancerException.invalidInput("field \"iteration\" is required and must be >= 1");
            }
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RollbackOutput(String spaceId, String runId, Integer iteration, Boolean restored, String snapshotKey,
            List<String> rejectedFixes, String etag, RetryAdvice retry) {
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
            EnhancementCycle cycle = new EnhancementCycle(spaces, store, active, config.settings(), clock);
            EnhancementCycle.Result r = cycle.run(new EnhancementCycle.Request(in.spaceId(), in.runId(), in.iteration(),
                    Optional.ofNullable(in.evaluationKey()), Strategy.of(in.strategy()), Boolean.TRUE.equals(in.dryRun()),
                    deadline));
            IterationRecord rec = r.record();
            boolean dry = r.status() == EnhancementCycle.Status.DRY_RUN;
            String diff = rec.diffMarkdown() == null ? null : rec.diffMarkdown().length() > MAX_DIFF_IN_OUTPUT
                    ? rec.diffMarkdown().substring(0, MAX_DIFF_IN_OUTPUT) + "\n… (full diff in " + r.fixLogKey() + ")\n"
                    : rec.diffMarkdown();
            return new EnhanceOutput(r.status().name(), in.spaceId(), in.runId(), in.iteration(), rec.failuresAnalysed(),
                    rec.fixesProposed(), rec.fixesValid(), dry ? 0 : rec.fixesApplied(), rec.carried().size(), rec.byType(),
                    rec.snapshotKey(), r.fixLogKey(), rec.entityMatchingChanged(), rec.indexingWaitSeconds(),
                    r.alreadyApplied(), rec.llmUsage(), dry ? diff : null, null);
        }, retry -> new EnhanceOutput("RETRY", in.spaceId(), in.runId(), in.iteration(), null, null, null, null, null,
                null, null, null, null, null, null, null, null, retry));
    }

    @Funq
    public RollbackOutput rollback(JsonNode event) {
        RollbackInput in = Inputs.bind(event, RollbackInput.class);
        return Steps.run("rollback", () -> {
            IterationRollback.Result r = new IterationRollback(spaces, store, clock)
                    .rollback(in.spaceId(), in.runId(), in.iteration());
            return new RollbackOutput(in.spaceId(), in.runId(), in.iteration(), r.restored(), r.snapshotKey(),
                    r.rejectedFixes(), r.etag(), null);
        }, retry -> new RollbackOutput(in.spaceId(), in.runId(), in.iteration(), null, null, null, null, retry));
    }
}
