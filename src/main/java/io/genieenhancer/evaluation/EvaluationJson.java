package io.genieenhancer.evaluation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.genieenhancer.error.EnhancerException;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads and writes evaluation documents (ours, and external results in the same shape). Reading is
 * lenient about extra fields (a newer writer, a report tool's annotations) and strict about the ones
 * it needs, naming the field that is wrong.
 */
public final class EvaluationJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .serializationInclusion(JsonInclude.Include.NON_ABSENT)
            .build();

    private EvaluationJson() {
    }

    public static byte[] write(Evaluation evaluation) {
        return bytes(evaluation);
    }

    /** Any of this package's records (plans, attempt states, ground-truth results). */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * @param where names the document in errors (e.g. its store key)
     */
    public static Evaluation read(byte[] json, String where) {
        Evaluation e = read(json, Evaluation.class, where);
        if (e.schemaVersion() > Evaluation.SCHEMA_VERSION) {
            throw EnhancerException.invalidInput(where + ": schemaVersion " + e.schemaVersion()
                    + " is newer than this build reads (" + Evaluation.SCHEMA_VERSION + ")");
        }
        return e;
    }

    public static <T> T read(byte[] json, Class<T> type, String where) {
        try {
            return MAPPER.readValue(json, type);
        } catch (InvalidFormatException e) {
            throw EnhancerException.invalidInput(where + ": " + path(e) + " has an invalid value " + e.getValue());
        } catch (MismatchedInputException e) {
            throw EnhancerException.invalidInput(where + ": " + path(e) + " is missing or has the wrong type");
        } catch (IOException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw EnhancerException.invalidInput(where + ": not a valid " + type.getSimpleName() + " document ("
                    + (root.getMessage() == null ? root.getClass().getSimpleName() : firstLine(root.getMessage())) + ")");
        }
    }

    private static String path(MismatchedInputException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return p.isEmpty() ? "the document" : "field \"" + p + "\"";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
