package io.genieenhancer.databricks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.genieenhancer.error.EnhancerException;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Body of {@code POST /api/2.0/sql/statements}. Build it with {@link #inlineJsonArray}: the enhancer only reads
 * small results inline as JSON arrays (INLINE is capped at 25 MiB by the server; {@code row_limit} keeps us far
 * below and sets {@code manifest.truncated} when it cuts).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ExecuteStatementRequest(
        @JsonProperty("statement") String statement,
        @JsonProperty("warehouse_id") String warehouseId,
        @JsonProperty("catalog") String catalog,
        @JsonProperty("schema") String schema,
        @JsonProperty("parameters") List<StatementParameterListItem> parameters,
        @JsonProperty("wait_timeout") String waitTimeout,
        @JsonProperty("on_wait_timeout") String onWaitTimeout,
        @JsonProperty("disposition") String disposition,
        @JsonProperty("format") String format,
        @JsonProperty("row_limit") Long rowLimit,
        @JsonProperty("byte_limit") Long byteLimit) {

    public static final String INLINE = "INLINE";
    public static final String JSON_ARRAY = "JSON_ARRAY";
    /** Keep running after wait_timeout (poll with get); CANCEL would stop it. */
    public static final String CONTINUE = "CONTINUE";

    /** "0s" (return at once) or 5 to 50 seconds, as the API accepts. */
    private static final Pattern WAIT_TIMEOUT = Pattern.compile("0s|([5-9]|[1-4][0-9]|50)s");

    public ExecuteStatementRequest {
        if (statement == null || statement.isBlank()) {
            throw EnhancerException.invalidInput("statement is required");
        }
        if (warehouseId == null || warehouseId.isBlank()) {
            throw EnhancerException.invalidInput("warehouse_id is required");
        }
        if (waitTimeout != null && !WAIT_TIMEOUT.matcher(waitTimeout).matches()) {
            throw EnhancerException.invalidInput("wait_timeout must be \"0s\" or \"5s\"..\"50s\", was \"" + waitTimeout + "\"");
        }
        if (rowLimit != null && rowLimit <= 0) {
            throw EnhancerException.invalidInput("row_limit must be positive, was " + rowLimit);
        }
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /**
     * A read returned inline as JSON arrays. The statement keeps running past {@code waitTimeoutSeconds}
     * (poll it with {@link SqlStatements#get}).
     */
    public static ExecuteStatementRequest inlineJsonArray(String warehouseId, String statement, int waitTimeoutSeconds, long rowLimit) {
        return new ExecuteStatementRequest(statement, warehouseId, null, null, List.of(), waitTimeoutSeconds + "s",
                CONTINUE, INLINE, JSON_ARRAY, rowLimit, null);
    }

    public ExecuteStatementRequest withCatalogAndSchema(String catalog, String schema) {
        return new ExecuteStatementRequest(statement, warehouseId, catalog, schema, parameters, waitTimeout, onWaitTimeout,
                disposition, format, rowLimit, byteLimit);
    }

    public ExecuteStatementRequest withParameters(List<StatementParameterListItem> parameters) {
        return new ExecuteStatementRequest(statement, warehouseId, catalog, schema, parameters, waitTimeout, onWaitTimeout,
                disposition, format, rowLimit, byteLimit);
    }
}
