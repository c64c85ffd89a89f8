package io.genieenhancer.analysis;

import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.time.Deadline;

import java.util.List;

/**
 * Turns failing benchmark questions into proposed fixes. The rule-based and the LLM analyser both implement it; the
 * enhance step runs every enabled analyser over ALL failures, concatenates the results
 * ({@link AnalysisResult#plus}) and lets {@code FixEngine.plan} dedupe and validate them together.
 *
 * <p>An analyser never applies anything and never throws for bad input or bad model output: what it cannot use
 * becomes a rejected item with a reason. It throws only when it cannot work at all (e.g.
 * {@code [LlmUnavailable]}), which fails the step.
 */
public interface FailureAnalyzer {

    /** Short name for logs and the fix log: {@code rule}, {@code llm}. */
    String name();

    AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures);

    /**
     * The same, within a time budget: an analyser whose calls take long (the LLM) starts no call that might not
     * finish before {@code deadline} and reports what it skipped. Quick analysers ignore it.
     */
    default AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures, Deadline deadline) {
        return analyze(space, failures);
    }
}
