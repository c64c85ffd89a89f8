package io.genieenhancer.databricks;

/**
 * SQL Statement Execution API ({@code /api/2.0/sql/statements}): running ground-truth SQL and reading Genie's
 * statements by id. A SQL error is not an exception: it comes back as state FAILED with {@code status.error}.
 * Failures of the request are thrown as {@link DatabricksApiException}: EvaluationFailed (404, statement gone),
 * AccessDenied, InvalidInput (400, e.g. unknown warehouse), RateLimited, DatabricksUnavailable.
 */
public interface SqlStatements {

    /** Runs a statement; returns when it finished or its wait_timeout passed (then poll with {@link #get}). */
    StatementResponse execute(ExecuteStatementRequest request);

    StatementResponse get(String statementId);

    /** A further chunk of rows, for results larger than the first chunk ({@code result.next_chunk_index}). */
    ResultData getResultChunk(String statementId, int chunkIndex);

    /** Stops a statement still running (e.g. one we gave up polling). */
    void cancel(String statementId);
}
