package io.genieenhancer.databricks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

import static io.genieenhancer.databricks.DatabricksWorkspace.required;

/** {@link GenieEvalRuns} over the workspace REST API. */
@ApplicationScoped
public class RestGenieEvalRuns implements GenieEvalRuns {

    @Inject
    DatabricksWorkspace workspace;

    @Override
    public GenieEvalRunResponse create(String spaceId, List<String> benchmarkQuestionIds) {
        required("spaceId", spaceId);
        String body = DatabricksJson.write(new GenieCreateEvalRunRequest(benchmarkQuestionIds));
        return workspace.call(Operation.CREATE_EVAL_RUN, spaceId, (api, auth) -> api.createEvalRun(auth, spaceId, body),
                GenieEvalRunResponse.class);
    }

    @Override
    public GenieEvalRunResponse get(String spaceId, String evalRunId) {
        required("spaceId", spaceId);
        required("evalRunId", evalRunId);
        return workspace.call(Operation.GET_EVAL_RUN, spaceId + "/" + evalRunId, (api, auth) -> api.getEvalRun(auth, spaceId, evalRunId),
                GenieEvalRunResponse.class);
    }

    @Override
    public List<GenieEvalRunResponse> list(String spaceId) {
        required("spaceId", spaceId);
        return DatabricksWorkspace.allPages(Operation.LIST_EVAL_RUNS, spaceId,
                token -> workspace.call(Operation.LIST_EVAL_RUNS, spaceId,
                        (api, auth) -> api.listEvalRuns(auth, spaceId, null, token.orElse(null)), GenieListEvalRunsResponse.class),
                GenieListEvalRunsResponse::evalRuns, GenieListEvalRunsResponse::nextPageToken);
    }

    @Override
    public List<GenieEvalResult> listResults(String spaceId, String evalRunId) {
        required("spaceId", spaceId);
        required("evalRunId", evalRunId);
        String subject = spaceId + "/" + evalRunId;
        return DatabricksWorkspace.allPages(Operation.LIST_EVAL_RESULTS, subject,
                token -> workspace.call(Operation.LIST_EVAL_RESULTS, subject,
                        (api, auth) -> api.listEvalResults(auth, spaceId, evalRunId, null, token.orElse(null)),
                        GenieListEvalResultsResponse.class),
                GenieListEvalResultsResponse::evalResults, GenieListEvalResultsResponse::nextPageToken);
    }

    @Override
    public GenieEvalResultDetails getResultDetails(String spaceId, String evalRunId, String resultId) {
        required("spaceId", spaceId);
        required("evalRunId", evalRunId);
        required("resultId", resultId);
        return workspace.call(Operation.GET_EVAL_RESULT_DETAILS, spaceId + "/" + evalRunId + "/" + resultId,
                (api, auth) -> api.getEvalResultDetails(auth, spaceId, evalRunId, resultId), GenieEvalResultDetails.class);
    }
}
