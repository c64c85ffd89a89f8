package io.genieenhancer.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a JSON value against the subset of JSON Schema that structured-output endpoints accept: {@code type}
 * (one or a list, for nullable fields), {@code enum}, {@code properties}, {@code required},
 * {@code additionalProperties: false}, {@code items}, {@code anyOf}, plus {@code maxLength} and {@code maxItems}
 * (which we check ourselves and strip before sending, see {@link #forEndpoint}). Endpoints do not all honour
 * {@code strict}, so every reply is checked here whatever was asked for.
 */
public final class JsonSchemaCheck {

    /** Keywords some endpoints refuse in strict mode; they stay in our copy only. */
    private static final List<String> LOCAL_ONLY = List.of("maxLength", "maxItems");

    private JsonSchemaCheck() {
    }

    /** The first problem found, as a sentence naming the path ({@code $.analyses[0].fixes[1].table}); empty when valid. */
    public static Optional<String> firstProblem(JsonNode schema, JsonNode value) {
        List<String> problems = new ArrayList<>(1);
        check(schema, value, "$", problems);
        return problems.stream().findFirst();
    }

    /** A copy of {@code schema} without the keywords we only check locally. */
    public static JsonNode forEndpoint(JsonNode schema) {
        JsonNode copy = schema.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(LOCAL_ONLY);
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                strip(it.next().getValue());
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(JsonSchemaCheck::strip);
        }
    }

    private static boolean check(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (schema.has("anyOf")) {
            return anyOf((ArrayNode) schema.get("anyOf"), value, path, problems);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            problems.add(path + " must be " + typeName(schema.get("type")) + ", was " + describe(value));
            return false;
        }
        if (value.isNull()) {
            return true;
        }
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                problems.add(path + " must be one of " + schema.get("enum") + ", was " + describe(value));
                return false;
            }
        }
        if (value.isTextual() && schema.has("maxLength") && value.textValue().length() > schema.get("maxLength").asInt()) {
            problems.add(path + " is longer than " + schema.get("maxLength").asInt() + " characters ("
                    + value.textValue().length() + ")");
            return false;
        }
        if (value.isObject()) {
            return object(schema, (ObjectNode) value, path, problems);
        }
        if (value.isArray()) {
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                problems.add(path + " has more than " + schema.get("maxItems").asInt() + " items (" + value.size() + ")");
                return false;
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    if (!check(schema.get("items"), value.get(i), path + "[" + i + "]", problems)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static boolean object(JsonNode schema, ObjectNode value, String path, List<String> problems) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(path + "." + required.asText() + " is missing");
                return false;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode fieldSchema = properties.get(field.getKey());
            if (fieldSchema == null) {
                if (schema.path("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean()) {
                    problems.add(path + " has an unexpected field " + quote(field.getKey()));
                    return false;
                }
                continue;
            }
            if (!check(fieldSchema, field.getValue(), path + "." + field.getKey(), problems)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A union. When the value names a branch through a single-valued {@code enum} property (a discriminator such as
     * {@code "type": "add_synonym"}), the problem reported is that branch's: far more useful than "matches none".
     */
    private static boolean anyOf(ArrayNode branches, JsonNode value, String path, List<String> problems) {
        List<String> scratch = new ArrayList<>();
        for (JsonNode branch : branches) {
            scratch.clear();
            if (check(branch, value, path, scratch)) {
                return true;
            }
        }
        for (JsonNode branch : branches) {
            if (discriminatorMatches(branch, value)) {
                scratch.clear();
                check(branch, value, path, scratch);
                problems.add(scratch.isEmpty() ? path + " matches no allowed shape" : scratch.get(0));
                return false;
            }
        }
        Optional<String> discriminator = discriminator(branches);
        if (discriminator.isPresent() && !value.isObject()) {
            problems.add(path + " must be an object, was " + describe(value));
        } else if (discriminator.isPresent()) {
            JsonNode given = value.get(discriminator.get());
            problems.add(path + "." + discriminator.get() + " must be one of " + allowedDiscriminators(branches, discriminator.get())
                    + ", was " + (given == null ? "missing" : describe(given)));
        } else {
            problems.add(path + " matches none of the allowed shapes, was " + describe(value));
        }
        return false;
    }

    private static boolean discriminatorMatches(JsonNode branch, JsonNode value) {
        if (!value.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = branch.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode e = p.getValue().path("enum");
            if (e.isArray() && e.size() == 1 && e.get(0).equals(value.get(p.getKey()))) {
                return true;
            }
        }
        return false;
    }

    private static Optional<String> discriminator(ArrayNode branches) {
        if (branches.isEmpty()) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = branches.get(0).path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (p.getValue().path("enum").size() == 1) {
                return Optional.of(p.getKey());
            }
        }
        return Optional.empty();
    }

    private static List<String> allowedDiscriminators(ArrayNode branches, String property) {
        List<String> out = new ArrayList<>();
        branches.forEach(b -> out.add(b.path("properties").path(property).path("enum").path(0).asText()));
        return out;
    }

    private static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t, value)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    private static String typeName(JsonNode type) {
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(typeName(t)));
            return String.join(" or ", names);
        }
        return switch (type.asText()) {
            case "object" -> "an object";
            case "array" -> "an array";
            case "string" -> "a string";
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> type.asText();
        };
    }

    private static String describe(JsonNode value) {
        if (value.isTextual()) {
            return quote(value.textValue());
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        return value.toString();
    }

    private static String quote(String text) {
        return "\"" + ChatReplies.excerpt(text.length() > 60 ? text.substring(0, 60) + "…" : text) + "\"";
    }
}
