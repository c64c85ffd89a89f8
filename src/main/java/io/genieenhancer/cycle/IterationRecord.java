package io.genieenhancer.cycle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

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
 *
 * <p>The groups are {@code @JsonUnwrapped}: the stored document stays one flat object, the shape every
 * earlier run wrote, so old records load unchanged.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IterationRecord(
        Status status,
        String spaceId,
        String runId,
        int iteration,
        Strategy strategy,
        @JsonUnwrapped Analysed analysed,
        @JsonUnwrapped FixCounts counts,
        @JsonUnwrapped SpaceWrite write,
        FixLog fixLog,
        List<Fix> carried,
        String diffMarkdown,
        @JsonUnwrapped Timing timing) {

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

    /** What the analysers worked from, and what they cost and refused. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Analysed(String evaluationKey, double evaluationScore, int failuresAnalysed, LlmUsage llmUsage,
            List<String> analyserRejections) {
    }

    /** How many fixes each planning stage kept; {@code byType} counts the applied ones. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FixCounts(int fixesProposed, int fixesValid, int fixesApplied, Map<String, Integer> byType) {
    }

    /**
     * The update of the space: where the config from before it was saved, the etags around it, the SHA-256 of
     * the config it writes (how a retry tells whether it landed), and the re-index wait it calls for.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpaceWrite(String snapshotKey, String snapshotVersionId, String etagBefore, String etagAfter,
            String plannedSha256, boolean entityMatchingChanged, int indexingWaitSeconds) {

        /** Planned, not yet written: no snapshot and no etag after. */
        public static SpaceWrite planned(String etagBefore, String plannedSha256, boolean entityMatchingChanged,
                int indexingWaitSeconds) {
            return new SpaceWrite(null, null, etagBefore, null, plannedSha256, entityMatchingChanged, indexingWaitSeconds);
        }

        SpaceWrite withSnapshot(String key, String versionId) {
            return new SpaceWrite(key, versionId, etagBefore, etagAfter, plannedSha256, entityMatchingChanged,
                    indexingWaitSeconds);
        }

        SpaceWrite withEtagAfter(String etag) {
            return new SpaceWrite(snapshotKey, snapshotVersionId, etagBefore, etag, plannedSha256, entityMatchingChanged,
                    indexingWaitSeconds);
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Timing(Instant startedAt, Instant finishedAt) {
    }

    /** Where the config from before this iteration's update was saved. */
    public IterationRecord withSnapshot(String key, String versionId) {
        return new IterationRecord(status, spaceId, runId, iteration, strategy, analysed, counts,
                write.withSnapshot(key, versionId), fixLog, carried, diffMarkdown, timing);
    }

    public IterationRecord with(Status s, String etag, Instant finished) {
        return new IterationRecord(s, spaceId, runId, iteration, strategy, analysed, counts, write.withEtagAfter(etag),
                fixLog, carried, diffMarkdown, new Timing(timing.startedAt(), finished));
    }
}
