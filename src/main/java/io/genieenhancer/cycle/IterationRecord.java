package io.genieenhancer.cycle;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixLog;
import io.genieenhancer.llm.LlmUsage;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one enhancement cycle did, stored as {@code iteration-{n}/fixes.json}: written as PENDING before
 * the space update and as APPLIED after it, so a retried invocation can tell whether its update happened.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IterationRecord(
        Status status,
        String spaceId,
        String runId,
        int iteration,
        Strategy strategy,
        String evaluationKey,
        double evaluationScore,
        int failuresAnalysed,
        String snapshotKey,
        String snapshotVersionId,
        String etagBefore,
        String etagAfter,
        String plannedSha256,
        boolean entityMatchingChanged,
        int indexingWaitSeconds,
        Map<String, Integer> byType,
        int fixesProposed,
        int fixesValid,
        int fixesApplied,
        LlmUsage llmUsage,
        List<String> analyserRejections,
        FixLog fixLog,
        List<Fix> carried,
        String diffMarkdown,
        Instant startedAt,
        Instant finishedAt) {

    public enum Status {
        /** Written before the update: the update may or may not have happened. */
        PENDING,
        /** The space was updated with these fixes. */
        APPLIED,
        /** Nothing valid to apply; the space was not touched. */
        NO_FIXES,
        /** The update was undone by rollback; its fixes are rejected for this run. */
        ROLLED_BACK
    }

    /** Where the config from before this iteration's update was saved. */
    public IterationRecord withSnapshot(String key, String versionId) {
        return new IterationRecord(status, spaceId, runId, iteration, strategy, evaluationKey, evaluationScore,
                failuresAnalysed, key, versionId, etagBefore, etagAfter, plannedSha256, entityMatchingChanged,
                indexingWaitSeconds, byType, fixesProposed, fixesValid, fixesApplied, llmUsage, analyserRejections, fixLog,
                carried, diffMarkdown, startedAt, finishedAt);
    }

    public IterationRecord with(Status s, String etag, Instant finished) {
        return new IterationRecord(s, spaceId, runId, iteration, strategy, evaluationKey, evaluationScore, failuresAnalysed,
                snapshotKey, snapshotVersionId, etagBefore, etag, plannedSha256, entityMatchingChanged,
                indexingWaitSeconds, byType, fixesProposed, fixesValid, fixesApplied, llmUsage, analyserRejections, fixLog,
                carried, diffMarkdown, startedAt, finished);
    }
}
