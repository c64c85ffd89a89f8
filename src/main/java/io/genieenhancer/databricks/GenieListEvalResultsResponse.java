package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Optional;

/** One page of {@code GET .../eval-runs/{id}/results}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieListEvalResultsResponse(
        @JsonProperty("eval_results") List<GenieEvalResult> evalResults,
        @JsonProperty("next_page_token") Optional<String> nextPageToken) {

    public GenieListEvalResultsResponse {
        evalResults = Wire.list(evalResults);
        nextPageToken = Wire.opt(nextPageToken).filter(t -> !t.isBlank());
    }
}
