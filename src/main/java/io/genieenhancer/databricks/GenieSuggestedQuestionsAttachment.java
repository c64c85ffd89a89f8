package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieSuggestedQuestionsAttachment(@JsonProperty("questions") List<String> questions) {

    public GenieSuggestedQuestionsAttachment {
        questions = Wire.list(questions);
    }
}
