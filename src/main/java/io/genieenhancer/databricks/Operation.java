package io.genieenhancer.databricks;

import io.genieenhancer.error.ErrorCode;

/**
 * One kind of Databricks call: its name for messages, what a 404 or 400 means for it, and whether repeating it
 * after an ambiguous failure (timeout, reset, 502/504) is harmless.
 */
record Operation(String name, Resource resource, boolean idempotent) {

    /** What the call acts on. Decides the error code of "not found" and "bad request" answers. */
    enum Resource {
        SPACE(ErrorCode.SpaceNotFound, ErrorCode.InvalidInput),
        /** A write of the space's content: the server's 400 says the configuration is invalid. */
        SPACE_UPDATE(ErrorCode.SpaceNotFound, ErrorCode.InvalidSpaceConfig),
        EVAL_RUN(ErrorCode.EvaluationNotFound, ErrorCode.InvalidInput),
        /** Conversations live in a space; their ids come from our own earlier calls, so 404 means the space. */
        CONVERSATION(ErrorCode.SpaceNotFound, ErrorCode.InvalidInput),
        /** A statement that is gone (expired, closed) fails the evaluation of the question that needed it. */
        STATEMENT(ErrorCode.EvaluationFailed, ErrorCode.InvalidInput),
        /** The OAuth token endpoint: a refused client is a credentials problem. */
        TOKEN(ErrorCode.AccessDenied, ErrorCode.AccessDenied);

        final ErrorCode notFound;
        final ErrorCode badRequest;

        Resource(ErrorCode notFound, ErrorCode badRequest) {
            this.notFound = notFound;
            this.badRequest = badRequest;
        }
    }

    static final Operation GET_SPACE = new Operation("getSpace", Resource.SPACE, true);
    static final Operation LIST_SPACES = new Operation("listSpaces", Resource.SPACE, true);
    /** Full replacement: repeating the same content is harmless (an etag conflict after it is resolved by re-reading). */
    static final Operation UPDATE_SPACE = new Operation("updateSpace", Resource.SPACE_UPDATE, true);
    /** Each call starts another run: never repeated after an ambiguous failure. */
    static final Operation CREATE_EVAL_RUN = new Operation("createEvalRun", Resource.EVAL_RUN, false);
    static final Operation GET_EVAL_RUN = new Operation("getEvalRun", Resource.EVAL_RUN, true);
    static final Operation LIST_EVAL_RUNS = new Operation("listEvalRuns", Resource.EVAL_RUN, true);
    static final Operation LIST_EVAL_RESULTS = new Operation("listEvalResults", Resource.EVAL_RUN, true);
    static final Operation GET_EVAL_RESULT_DETAILS = new Operation("getEvalResultDetails", Resource.EVAL_RUN, true);
    /** Each call asks Genie a question (rate-limited to a few per minute): never repeated after an ambiguous failure. */
    static final Operation START_CONVERSATION = new Operation("startConversation", Resource.CONVERSATION, false);
    static final Operation GET_MESSAGE = new Operation("getMessage", Resource.CONVERSATION, true);
    static final Operation GET_ATTACHMENT_QUERY_RESULT = new Operation("getAttachmentQueryResult", Resource.CONVERSATION, true);
    /** Re-runs a read-only query: repeating costs warehouse time only. */
    static final Operation EXECUTE_ATTACHMENT_QUERY = new Operation("executeAttachmentQuery", Resource.CONVERSATION, true);
    /** Our statements are SELECTs: repeating costs warehouse time only. */
    static final Operation EXECUTE_STATEMENT = new Operation("executeStatement", Resource.STATEMENT, true);
    static final Operation GET_STATEMENT = new Operation("getStatement", Resource.STATEMENT, true);
    static final Operation GET_RESULT_CHUNK = new Operation("getStatementResultChunk", Resource.STATEMENT, true);
    static final Operation CANCEL_STATEMENT = new Operation("cancelStatement", Resource.STATEMENT, true);
    static final Operation FETCH_TOKEN = new Operation("fetchOAuthToken", Resource.TOKEN, true);
}
