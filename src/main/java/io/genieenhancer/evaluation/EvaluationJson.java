package io.genieenhancer.evaluation;

import io.genieenhancer.error.Causes;
import io.genieenhancer.json.Json;
import io.genieenhancer.json.JsonMappers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.genieenhancer.error.EnhancerException;

import java.io.IOException;

/**
 * Reads and writes evaluation documents (ours, and external results in the same shape). Reading is
 * lenient about extra fields (a newer writer, a report tool's annotations) and strict about the ones
 * it needs, naming the field that is wrong.
 */
public final class EvaluationJson {

    static final ObjectMapper MAPPER = JsonMappers.evaluationDocuments();

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
            throw EnhancerException.invalidInput(where + ": " + Json.where(e, "the document") + " has an invalid value " + e.getValue());
        } catch (MismatchedInputException e) {
            throw EnhancerException.invalidInput(where + ": " + Json.where(e, "the document") + " is missing or has the wrong type");
        } catch (IOException e) {
            Throwable root = Causes.root(e);
            throw EnhancerException.invalidInput(where + ": not a valid " + type.getSimpleName() + " document ("
                    + (root.getMessage() == null ? root.getClass().getSimpleName() : Causes.firstLine(root.getMessage())) + ")");
        }
    }
}
