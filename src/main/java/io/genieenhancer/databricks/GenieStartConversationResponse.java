package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/** Answer of start-conversation: the ids to poll with, and the first state of both objects when the server sends them. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieStartConversationResponse(
        @JsonProperty("conversation_id") String conversationId,
        @JsonProperty("message_id") String messageId,
        @JsonProperty("conversation") Optional<GenieConversation> conversation,
        @JsonProperty("message") Optional<GenieMessage> message) {

    public GenieStartConversationResponse {
        Optional<GenieConversation> c = Wire.opt(conversation);
        Optional<GenieMessage> m = Wire.opt(message);
        conversation = c;
        message = m;
        // some answers carry the ids only inside the nested objects
        if (conversationId == null) {
            conversationId = m.map(GenieMessage::conversationId).or(() -> c.map(GenieConversation::conversationId)).orElse(null);
        }
        if (messageId == null) {
            messageId = m.map(GenieMessage::messageId).orElse(null);
        }
    }
}
