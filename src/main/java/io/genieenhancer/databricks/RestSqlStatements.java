package io.genieenhancer.databricks;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Objects;

import static io.genieenhancer.databricks.DatabricksWorkspace.required;

/** {@link SqlStatements} over the workspace REST API. */
@ApplicationScoped
public class RestSqlStatements implements SqlStatements {

    @Inject
    DatabricksWorkspace workspace;

    @Override
    public StatementResponse execute(ExecuteStatementRequest request) {
        Objects.requireNonNull(request, "request");
        String body = DatabricksJson.write(request);
        return workspace.call(Operation.EXECUTE_STATEMENT, "on warehouse " + request.warehouseId(),
                (api, auth) -> api.executeStatement(auth, body), StatementResponse.class);
    }

    @Override
    public StatementResponse get(String statementId) {
        required("statementId", statementId);
        return workspace.call(Operation.GET_STATEMENT, statementId, (api, auth) -> api.getStatement(auth, statementId),
                StatementResponse.class);
    }

    @Override
    public ResultData getResultChunk(String statementId, int chunkIndex) {
        required("statementId", statementId);
        if (chunkIndex < 0) {
            throw io.genieenhancer.error.EnhancerException.invalidInput("chunkIndex must not be negative, was " + chunkIndex);
        }
        return workspace.call(Operation.GET_RESULT_CHUNK, statementId + " chunk " + chunkIndex,
                (api, auth) -> api.getStatementResultChunk(auth, statementId, chunkIndex), ResultData.class);
    }

    @Override
    public void cancel(String statementId) {
        required("statementId", statementId);
        workspace.call(Operation.CANCEL_STATEMENT, statementId, (api, auth) -> api.cancelStatement(auth, statementId), JsonNode.class);
    }
}
