package io.genieenhancer.fix;

import io.genieenhancer.error.Causes;
import io.genieenhancer.json.Json;
import io.genieenhancer.json.JsonMappers;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes fixes as JSON. Reading is built for hostile input (LLM output): a bad item yields an
 * error for that item and the rest of the batch is still read; the whole document fails only when it is
 * not JSON at all. Size and nesting are bounded before anything is bound.
 */
public final class FixJson {

    public static final int MAX_DOCUMENT_CHARS = 16 * 1024 * 1024;
    public static final int MAX_FIXES = 200_000;
    private static final int MAX_NESTING_DEPTH = 32;
    private static final TypeReference<List<Fix>> LIST = new TypeReference<>() {
    };

    private static final ObjectMapper MAPPER = JsonMappers.untrusted(MAX_NESTING_DEPTH, MAX_DOCUMENT_CHARS)
            // models write "question_id": "q1" and "reasoning": "..." as often as lists
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // extra fields (an "explanation" the model added) are ignored; missing ones fail validation
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private static final ObjectWriter LIST_WRITER = MAPPER.writerFor(LIST);
    private static final ObjectWriter ONE_WRITER = MAPPER.writerFor(Fix.class);

    /** Fixes that could be read, and one error per item that could not. */
    @RegisterForReflection
    public record Batch(List<Fix> fixes, List<ItemError> errors) {
        public Batch {
            fixes = List.copyOf(fixes);
            errors = List.copyOf(errors);
        }
    }

    @RegisterForReflection
    public record ItemError(int index, String message) {
    }

    private FixJson() {
    }

    public static String write(Fix fix) {
        try {
            return ONE_WRITER.writeValueAsString(fix);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fix always prints", e);
        }
    }

    public static String writeAll(List<Fix> fixes) {
        try {
            return LIST_WRITER.writeValueAsString(fixes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("fixes always print", e);
        }
    }

    public static JsonNode toTree(Fix fix) {
        return MAPPER.valueToTree(fix);
    }

    /** One fix; throws {@link FixJsonException} when it cannot be read. */
    public static Fix read(String json) {
        return bind(parse(json), -1);
    }

    /**
     * A batch: a JSON array of fixes, or an object with a {@code fixes} array (the shape we ask the LLM
     * for). Throws {@link FixJsonException} only when the document itself is unusable.
     */
    public static Batch readAll(String json) {
        return readAll(parse(json));
    }

    public static Batch readAll(JsonNode root) {
        JsonNode items = root;
        if (root.isObject() && root.has("fixes")) {
            items = root.get("fixes");
        }
        if (!items.isArray()) {
            throw new FixJsonException(-1, "expected an array of fixes (or {\"fixes\": [...]}), was " + kind(items));
        }
        if (items.size() > MAX_FIXES) {
            throw new FixJsonException(-1, items.size() + " fixes; the limit is " + MAX_FIXES);
        }
        List<Fix> fixes = new ArrayList<>(items.size());
        List<ItemError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                fixes.add(bind(items.get(i), i));
            } catch (FixJsonException e) {
                errors.add(new ItemError(i, e.getMessage()));
            }
        }
        return new Batch(fixes, errors);
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new FixJsonException(-1, "the document is empty");
        }
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new FixJsonException(-1, "the document is " + json.length() + " characters; the limit is " + MAX_DOCUMENT_CHARS);
        }
        try {
            return MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            throw new FixJsonException(-1, "JSON exceeds a safety limit: " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new FixJsonException(-1, "not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr()) + ": " + firstLine(e.getOriginalMessage()));
        }
    }

    private static Fix bind(JsonNode node, int index) {
        if (node == null || !node.isObject()) {
            throw new FixJsonException(index, "a fix must be a JSON object, was " + kind(node));
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual() || type.textValue().isBlank()) {
            throw new FixJsonException(index, "\"type\" is required; known types: " + knownTypes());
        }
        String typeName = type.textValue().strip().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        if (!typeName.equals(type.textValue())) {
            // "Add_Synonym", "add-synonym": the model meant a known type; bind a copy with the canonical name
            node = ((com.fasterxml.jackson.databind.node.ObjectNode) node.deepCopy()).put("type", typeName);
        }
        try {
            Fix f = MAPPER.treeToValue(node, Fix.class);
            if (f == null) {
                throw new FixJsonException(index, "the fix is empty");
            }
            return f;
        } catch (InvalidTypeIdException e) {
            throw new FixJsonException(index, "unknown fix type \"" + shorten(type.textValue()) + "\"; known types: " + knownTypes());
        } catch (ValueInstantiationException e) {
            Throwable root = Causes.root(e);
            throw new FixJsonException(index, root instanceof IllegalArgumentException ? root.getMessage()
                    : "the fix cannot be built: " + firstLine(e.getOriginalMessage()));
        } catch (MismatchedInputException e) {
            throw new FixJsonException(index, Json.where(e, "the fix") + " has the wrong type"
                    + (e.getTargetType() == null ? "" : " (expected " + expected(e.getTargetType()) + ")"));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new FixJsonException(index, "the fix cannot be read: " + firstLine(e.getMessage()));
        }
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list of strings";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type.isEnum() ? "one of " + List.of(type.getEnumConstants()).stream().map(c -> c.toString().toLowerCase())
                .collect(Collectors.joining(", ")) : "another type";
    }

    /** The type names {@link Fix} declares for Jackson: a new type is known here without being listed again. */
    static String knownTypes() {
        return Arrays.stream(Fix.class.getAnnotation(JsonSubTypes.class).value()).map(JsonSubTypes.Type::name)
                .collect(Collectors.joining(", "));
    }

    private static String kind(JsonNode n) {
        return n == null ? "nothing" : n.getNodeType().name().toLowerCase();
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }

    private static String firstLine(String s) {
        // Jackson names our classes in some messages; the reader of an item error needs none of that
        return Causes.firstLine(s).replaceAll("`?io\\.genieenhancer\\.[\\w.$]+`?", "fix");
    }
}
