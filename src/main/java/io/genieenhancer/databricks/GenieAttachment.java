package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Optional;

/** One part of Genie's answer: a query, a text, or suggested questions (visualisations are ignored). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieAttachment(
        @JsonProperty("attachment_id") String attachmentId,
        @JsonProperty("query") Optional<GenieQueryAttachment> query,
        @JsonProperty("text") Optional<TextAttachment> text,
        @JsonProperty("suggested_questions") Optional<GenieSuggestedQuestionsAttachment> suggestedQuestions) {

    public GenieAttachment {
        query = Wire.opt(query);
        text = Wire.opt(text);
        suggestedQuestions = Wire.opt(suggestedQuestions);
    }
}
