package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Optional;

/** One page of {@code GET .../eval-runs}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieListEvalRunsResponse(
        @JsonProperty("eval_runs") List<GenieEvalRunResponse> evalRuns,
        @JsonProperty("next_page_token") Optional<String> nextPageToken) {

    public GenieListEvalRunsResponse {
        evalRuns = Wire.list(evalRuns);
        nextPageToken = Wire.opt(nextPageToken).filter(t -> !t.isBlank());
    }
}
