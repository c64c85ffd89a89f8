package io.genieenhancer.functions;

import io.genieenhancer.error.Causes;
import io.genieenhancer.json.Json;
import io.genieenhancer.json.JsonMappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.store.RunKeys;

import java.util.stream.Collectors;

/**
 * Binds a function's raw JSON event to its input record and says exactly what is wrong when it cannot
 * (Funqy's own binding only says "Could not deserialize the provided message."). Unknown fields are
 * rejected: a typo such as {@code spaceID} must not silently run with defaults.
 */
public final class Inputs {

    private static final ObjectMapper STRICT = JsonMappers.functionEvents();

    private Inputs() {
    }

    public static <T> T bind(JsonNode event, Class<T> type) {
        if (event == null || event.isNull() || event.isMissingNode()) {
            throw EnhancerException.invalidInput("the event is empty; expected a JSON object");
        }
        if (!event.isObject()) {
            throw EnhancerException.invalidInput("the event must be a JSON object, was " + event.getNodeType().name().toLowerCase());
        }
        try {
            return STRICT.treeToValue(event, type);
        } catch (UnrecognizedPropertyException e) {
            throw EnhancerException.invalidInput("unknown field \"" + e.getPropertyName() + "\"; known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (InvalidFormatException e) {
            throw EnhancerException.invalidInput(Json.where(e, "the event") + " has an invalid value " + e.getValue()
                    + " (expected " + e.getTargetType().getSimpleName() + ")");
        } catch (MismatchedInputException e) {
            throw EnhancerException.invalidInput(Json.where(e, "the event") + " has the wrong type (expected "
                    + (e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName()) + ")");
        } catch (EnhancerException e) {
            throw e;
        } catch (Exception e) {
            // record constructors validate; their IllegalArgumentException messages are written for users
            Throwable root = Causes.root(e);
            if (root instanceof EnhancerException ee) {
                throw ee;
            }
            throw EnhancerException.invalidInput(root.getMessage() == null ? "cannot read the event" : root.getMessage());
        }
    }

    /** For record constructors: the ids of a run-scoped event, checked as {@link RunKeys} checks every key part. */
    public static void requireRun(String spaceId, String runId) {
        RunKeys.safe("spaceId", spaceId);
        RunKeys.safe("runId", runId);
    }

    /** For record constructors: an iteration number of at least {@code min} (0 is the baseline evaluation). */
    public static void requireIteration(Integer iteration, int min) {
        if (iteration == null || iteration < min) {
            throw EnhancerException.invalidInput("field \"iteration\" is required (>= " + min + ")");
        }
    }

    /** For record constructors: a required field. */
    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw EnhancerException.invalidInput("field \"" + field + "\" is required");
        }
        return value;
    }
}
