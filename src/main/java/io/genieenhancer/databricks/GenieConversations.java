package io.genieenhancer.databricks;

/**
 * Asking Genie one question and reading its answer (the self-run evaluator). Each start-conversation is a new
 * conversation, as benchmarks are (no thread context). Failures are thrown as {@link DatabricksApiException}:
 * SpaceNotFound (404), AccessDenied, InvalidInput (400), RateLimited (Genie allows a few questions a minute),
 * DatabricksUnavailable.
 */
public interface GenieConversations {

    /** Asks a question; never repeated after an ambiguous failure (it would ask Genie twice). */
    GenieStartConversationResponse startConversation(String spaceId, String content);

    /** Polls the message; see {@link MessageStatus#isTerminal()}. */
    GenieMessage getMessage(String spaceId, String conversationId, String messageId);

    /** The rows of a query attachment (readable once the message is EXECUTING_QUERY or COMPLETED). */
    StatementResponse getAttachmentQueryResult(String spaceId, String conversationId, String messageId, String attachmentId);

    /** Runs the attachment's query again, for a QUERY_RESULT_EXPIRED message. */
    StatementResponse executeAttachmentQuery(String spaceId, String conversationId, String messageId, String attachmentId);
}
