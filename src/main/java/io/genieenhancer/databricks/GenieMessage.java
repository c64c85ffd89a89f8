package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Optional;

/** A question to Genie and, as it progresses, its answer ({@code attachments}) or {@code error}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieMessage(
        @JsonProperty("message_id") String messageId,
        @JsonProperty("conversation_id") String conversationId,
        @JsonProperty("space_id") String spaceId,
        @JsonProperty("content") String content,
        @JsonProperty("status") MessageStatus status,
        @JsonProperty("attachments") List<GenieAttachment> attachments,
        @JsonProperty("error") Optional<MessageError> error,
        @JsonProperty("query_result") Optional<LegacyQueryResult> queryResult,
        @JsonProperty("created_timestamp") long createdTimestamp,
        @JsonProperty("last_updated_timestamp") long lastUpdatedTimestamp,
        @JsonProperty("user_id") long userId) {

    public GenieMessage {
        status = status == null ? MessageStatus.UNKNOWN : status;
        attachments = Wire.list(attachments);
        error = Wire.opt(error);
        queryResult = Wire.opt(queryResult);
    }

    /** The attachment holding Genie's SQL, if it wrote any (the first one; Genie writes one per answer). */
    public Optional<GenieAttachment> queryAttachment() {
        return attachments.stream().filter(a -> a.query().isPresent()).findFirst();
    }

    /** Genie's text answers and clarifying questions, in order. */
    public List<TextAttachment> texts() {
        return attachments.stream().flatMap(a -> a.text().stream()).toList();
    }
}
