package io.genieenhancer.functions;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.genieenhancer.error.EnhancerException;

import java.util.stream.Collectors;

/**
 * Binds a function's raw JSON event to its input record and says exactly what is wrong when it cannot
 * (Funqy's own binding only says "Could not deserialize the provided message."). Unknown fields are
 * rejected: a typo such as {@code spaceID} must not silently run with defaults.
 */
public final class Inputs {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Jackson would read iteration 1.9 as 1: a fraction where a count is expected is a mistake to report
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .addModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

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
            throw EnhancerException.invalidInput(path(e) + " has an invalid value " + e.getValue()
                    + " (expected " + e.getTargetType().getSimpleName() + ")");
        } catch (MismatchedInputException e) {
            throw EnhancerException.invalidInput(path(e) + " has the wrong type (expected "
                    + (e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName()) + ")");
        } catch (EnhancerException e) {
            throw e;
        } catch (Exception e) {
            // record constructors validate; their IllegalArgumentException messages are written for users
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof EnhancerException ee) {
                throw ee;
            }
            throw EnhancerException.invalidInput(root.getMessage() == null ? "cannot read the event" : root.getMessage());
        }
    }

    private static String path(MismatchedInputException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
        return p.isEmpty() ? "the event" : "field \"" + p + "\"";
    }

    /** For record constructors: a required field. */
    public static String require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw EnhancerException.invalidInput("field \"" + field + "\" is required");
        }
        return value;
    }
}
