package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Optional;

/** The SQL Genie wrote ({@code query}) and the statement that ran it ({@code statement_id}, readable through the Statement API). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenieQueryAttachment(
        @JsonProperty("query") Optional<String> query,
        @JsonProperty("description") Optional<String> description,
        @JsonProperty("title") Optional<String> title,
        @JsonProperty("statement_id") Optional<String> statementId,
        @JsonProperty("query_result_metadata") Optional<GenieResultMetadata> queryResultMetadata,
        @JsonProperty("parameters") List<QueryAttachmentParameter> parameters,
        @JsonProperty("id") Optional<String> id,
        @JsonProperty("last_updated_timestamp") long lastUpdatedTimestamp) {

    public GenieQueryAttachment {
        query = Wire.opt(query);
        description = Wire.opt(description);
        title = Wire.opt(title);
        statementId = Wire.opt(statementId);
        queryResultMetadata = Wire.opt(queryResultMetadata);
        parameters = Wire.list(parameters);
        id = Wire.opt(id);
    }
}
