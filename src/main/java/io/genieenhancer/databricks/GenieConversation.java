package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieConversation(
        @JsonProperty("conversation_id") String conversationId,
        @JsonProperty("space_id") String spaceId,
        @JsonProperty("title") Optional<String> title,
        @JsonProperty("created_timestamp") long createdTimestamp,
        @JsonProperty("last_updated_timestamp") long lastUpdatedTimestamp,
        @JsonProperty("user_id") long userId) {

    public GenieConversation {
        title = Wire.opt(title);
    }
}
