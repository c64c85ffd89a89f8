package io.genieenhancer.databricks;

import io.genieenhancer.json.JsonMappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The mapper for Databricks wire JSON, independent of whatever the application's ObjectMapper is configured to
 * do: unknown fields ignored (the API grows), Optional supported, nulls not written in requests.
 * Modules are registered explicitly (no ServiceLoader scanning at run time).
 */
final class DatabricksJson {

    static final ObjectMapper MAPPER = JsonMappers.databricksWire();

    private DatabricksJson() {
    }

    static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + body.getClass().getSimpleName(), e);
        }
    }
}
