package io.genieenhancer.evaluation;

import io.genieenhancer.store.RunKeys;

/**
 * Run-store keys of an evaluation in progress, under its iteration's folder next to
 * {@link RunKeys#evaluation} (the finished document):
 * <pre>
 * .../iteration-{n}/evaluation.json                          finished evaluation (RunKeys)
 * .../iteration-{n}/evaluation/plan.json                     questions, mode, eval run ids, frozen settings
 * .../iteration-{n}/evaluation/attempts/{qid}-r{k}.json      a self-run attempt still in progress
 * .../iteration-{n}/evaluation/outcomes/{qid}-r{k}.json      a finished attempt (either evaluator)
 * .../iteration-{n}/evaluation/ground-truth/{qid}.json       the ground truth's result, shared by repeats
 * .../iteration-{n}/judgement.json                           the judge's verdict on this iteration
 * </pre>
 */
public final class EvaluationKeys {

    private EvaluationKeys() {
    }

    static String folder(String spaceId, String runId, int iteration) {
        return RunKeys.iteration(spaceId, runId, iteration) + "evaluation/";
    }

    public static String plan(String spaceId, String runId, int iteration) {
        return folder(spaceId, runId, iteration) + "plan.json";
    }

    public static String attempt(String spaceId, String runId, int iteration, String questionId, int repeat) {
        return folder(spaceId, runId, iteration) + "attempts/" + attemptName(questionId, repeat);
    }

    public static String outcomes(String spaceId, String runId, int iteration) {
        return folder(spaceId, runId, iteration) + "outcomes/";
    }

    public static String outcome(String spaceId, String runId, int iteration, String questionId, int repeat) {
        return outcomes(spaceId, runId, iteration) + attemptName(questionId, repeat);
    }

    public static String groundTruth(String spaceId, String runId, int iteration, String questionId) {
        return folder(spaceId, runId, iteration) + "ground-truth/" + RunKeys.safe("questionId", questionId) + ".json";
    }

    public static String judgement(String spaceId, String runId, int iteration) {
        return RunKeys.iteration(spaceId, runId, iteration) + "judgement.json";
    }

    private static String attemptName(String questionId, int repeat) {
        if (repeat < 0) {
            throw new IllegalArgumentException("repeat must be >= 0");
        }
        return RunKeys.safe("questionId", questionId) + "-r" + repeat + ".json";
    }
}
