package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** Body of {@code POST .../eval-runs}: the benchmark questions to run; empty means all (the field is then omitted). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record GenieCreateEvalRunRequest(
        @JsonProperty("benchmark_question_ids") List<String> benchmarkQuestionIds) {

    public GenieCreateEvalRunRequest {
        benchmarkQuestionIds = benchmarkQuestionIds == null ? List.of() : List.copyOf(benchmarkQuestionIds);
    }
}
