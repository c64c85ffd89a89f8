package io.genieenhancer.databricks;

import java.util.List;

/**
 * Genie's benchmark runner ({@code /api/2.0/genie/spaces/{space_id}/eval-runs}). Failures are thrown as
 * {@link DatabricksApiException}: EvaluationNotFound (404; {@code databricksErrorCode()} tells an unknown run
 * from {@code ENDPOINT_NOT_FOUND}, i.e. the API is not available), AccessDenied, InvalidInput (400, e.g.
 * {@code FEATURE_DISABLED}), RateLimited, DatabricksUnavailable.
 */
public interface GenieEvalRuns {

    /** Starts a run over the given benchmark questions; an empty list runs all of them. Never repeated after an ambiguous failure. */
    GenieEvalRunResponse create(String spaceId, List<String> benchmarkQuestionIds);

    GenieEvalRunResponse get(String spaceId, String evalRunId);

    /** Every run of the space (all pages). */
    List<GenieEvalRunResponse> list(String spaceId);

    /** Every result of the run (all pages). */
    List<GenieEvalResult> listResults(String spaceId, String evalRunId);

    GenieEvalResultDetails getResultDetails(String spaceId, String evalRunId, String resultId);
}
