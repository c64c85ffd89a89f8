package io.genieenhancer.llm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * Body of {@code POST <base>/chat/completions} in the OpenAI format that Databricks serving endpoints also accept
 * ({@code model} = the serving endpoint name there). Names match the wire one-to-one.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(
        @JsonProperty("model") String model,
        @JsonProperty("messages") List<Message> messages,
        @JsonProperty("max_tokens") int maxTokens,
        @JsonProperty("temperature") double temperature,
        @JsonProperty("response_format") ResponseFormat responseFormat) {

    @RegisterForReflection
    public record Message(@JsonProperty("role") String role, @JsonProperty("content") String content) {
        public static Message system(String content) {
            return new Message("system", content);
        }

        public static Message user(String content) {
            return new Message("user", content);
        }
    }

    /** {@code {"type": "json_schema", "json_schema": {...}}}. */
    @RegisterForReflection
    public record ResponseFormat(@JsonProperty("type") String type, @JsonProperty("json_schema") JsonSchema jsonSchema) {
        public static ResponseFormat jsonSchema(String name, JsonNode schema) {
            return new ResponseFormat("json_schema", new JsonSchema(name, schema, true));
        }
    }

    @RegisterForReflection
    public record JsonSchema(
            @JsonProperty("name") String name,
            @JsonProperty("schema") JsonNode schema,
            @JsonProperty("strict") boolean strict) {
    }
}
