package io.genieenhancer.databricks;

import io.genieenhancer.error.ErrorCode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import static io.genieenhancer.databricks.DatabricksWorkspace.required;

/** {@link GenieConversations} over the workspace REST API. */
@ApplicationScoped
public class RestGenieConversations implements GenieConversations {

    @Inject
    DatabricksWorkspace workspace;

    @Override
    public GenieStartConversationResponse startConversation(String spaceId, String content) {
        required("spaceId", spaceId);
        required("content", content);
        String body = DatabricksJson.write(new GenieStartConversationMessageRequest(content));
        GenieStartConversationResponse started = workspace.call(Operation.START_CONVERSATION, spaceId,
                (api, auth) -> api.startConversation(auth, spaceId, body), GenieStartConversationResponse.class);
        if (started.conversationId() == null || started.messageId() == null) {
            throw new DatabricksApiException(ErrorCode.DatabricksUnavailable, Operation.START_CONVERSATION.name(),
                    "startConversation " + spaceId + ": the answer has no conversation_id/message_id", 200, null, null, false, null);
        }
        return started;
    }

    @Override
    public GenieMessage getMessage(String spaceId, String conversationId, String messageId) {
        required("spaceId", spaceId);
        required("conversationId", conversationId);
        required("messageId", messageId);
        return workspace.call(Operation.GET_MESSAGE, spaceId + "/" + conversationId + "/" + messageId,
                (api, auth) -> api.getMessage(auth, spaceId, conversationId, messageId), GenieMessage.class);
    }

    @Override
    public StatementResponse getAttachmentQueryResult(String spaceId, String conversationId, String messageId, String attachmentId) {
        return queryResult(Operation.GET_ATTACHMENT_QUERY_RESULT, spaceId, conversationId, messageId, attachmentId);
    }

    @Override
    public StatementResponse executeAttachmentQuery(String spaceId, String conversationId, String messageId, String attachmentId) {
        return queryResult(Operation.EXECUTE_ATTACHMENT_QUERY, spaceId, conversationId, messageId, attachmentId);
    }

    private StatementResponse queryResult(Operation op, String spaceId, String conversationId, String messageId, String attachmentId) {
        required("spaceId", spaceId);
        required("conversationId", conversationId);
        required("messageId", messageId);
        required("attachmentId", attachmentId);
        String subject = spaceId + "/" + conversationId + "/" + messageId + "/" + attachmentId;
        GenieGetMessageQueryResultResponse answer = workspace.call(op, subject,
                (api, auth) -> op == Operation.EXECUTE_ATTACHMENT_QUERY
                        ? api.executeAttachmentQuery(auth, spaceId, conversationId, messageId, attachmentId)
                        : api.getAttachmentQueryResult(auth, spaceId, conversationId, messageId, attachmentId),
                GenieGetMessageQueryResultResponse.class);
        if (answer.statementResponse() == null) {
            throw new DatabricksApiException(ErrorCode.DatabricksUnavailable, op.name(),
                    op.name() + " " + subject + ": the answer has no statement_response", 200, null, null, false, null);
        }
        return answer.statementResponse();
    }
}
