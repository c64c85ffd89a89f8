package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Optional;

/** One page of {@code GET /api/2.0/genie/spaces}. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieListSpacesResponse(
        @JsonProperty("spaces") List<GenieSpace> spaces,
        @JsonProperty("next_page_token") Optional<String> nextPageToken) {

    public GenieListSpacesResponse {
        spaces = Wire.list(spaces);
        nextPageToken = Wire.opt(nextPageToken).filter(t -> !t.isBlank());
    }
}
