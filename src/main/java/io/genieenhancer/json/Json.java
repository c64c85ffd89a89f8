package io.genieenhancer.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Collectors;

/**
 * The mapper for documents the enhancer stores (snapshots, locks, fix logs, iteration records, reports), with its
 * helpers; how it differs from the other mappers is in {@link JsonMappers}.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMappers.storedDocuments();

    private Json() {
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static String text(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(byte[] content, Class<T> type) {
        try {
            return MAPPER.readValue(content, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Where in a document a binding error is, for the message: {@code field "handle.evalRunIds.[0]"}, or
     * {@code whole} ("the event", "the fix") when the error is at the top.
     */
    public static String where(JsonMappingException e, String whole) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return p.isEmpty() ? whole : "field \"" + p + "\"";
    }
}
