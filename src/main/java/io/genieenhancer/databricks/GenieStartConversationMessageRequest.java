package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST .../start-conversation}: the question. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenieStartConversationMessageRequest(@JsonProperty("content") String content) {
}
