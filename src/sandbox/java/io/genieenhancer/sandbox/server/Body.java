package io.genieenhancer.sandbox.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request body read strictly: unknown fields and wrong types are refused with 400
 * INVALID_PARAMETER_VALUE naming the field. (The real API may ignore unknown fields; the sandbox refuses
 * them so a misspelt field, e.g. {@code serializedSpace}, cannot silently do nothing.)
 */
final class Body {

    private final ObjectNode node;

    Body(ObjectNode node) {
        this.node = node;
    }

    Body allow(String... fields) {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw ApiError.invalid("Unknown field '" + f + "' in the request body (expected one of " + new TreeSet<>(allowed) + ")");
            }
        }
        return this;
    }

    Optional<String> string(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw ApiError.invalid("Field '" + field + "' must be a string");
        }
        return Optional.of(v.asText());
    }

    String requiredString(String field) {
        return string(field).orElseThrow(() -> ApiError.invalid("Missing required field: " + field));
    }

    Optional<Boolean> bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw ApiError.invalid("Field '" + field + "' must be a boolean");
        }
        return Optional.of(v.asBoolean());
    }

    Optional<Long> integer(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isIntegralNumber()) {
            return Optional.of(v.asLong());
        }
        if (v.isTextual() && v.asText().matches("\\d+")) { // int64 fields may arrive as strings (proto3 JSON)
            return Optional.of(Long.parseLong(v.asText()));
        }
        throw ApiError.invalid("Field '" + field + "' must be an integer");
    }

    List<String> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw ApiError.invalid("Field '" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw ApiError.invalid("Field '" + field + "' must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    JsonNode raw(String field) {
        return node.get(field);
    }
}
