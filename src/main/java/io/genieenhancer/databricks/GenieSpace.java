package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A Genie space as the REST API returns it. {@code title}, {@code description} and {@code warehouse_id}
 * are top-level fields and never go into {@code serialized_space}.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenieSpace(
        @JsonProperty("space_id") String spaceId,
        @JsonProperty("title") String title,
        @JsonProperty("description") String description,
        @JsonProperty("warehouse_id") String warehouseId,
        @JsonProperty("parent_path") String parentPath,
        @JsonProperty("serialized_space") String serializedSpace,
        @JsonProperty("etag") String etag,
        @JsonProperty("create_time") String createTime,
        @JsonProperty("update_time") String updateTime) {
}
