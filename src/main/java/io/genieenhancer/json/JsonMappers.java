package io.genieenhancer.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Every Jackson mapper the enhancer builds, one factory per kind of JSON, so the differences between them are
 * written down in one place. Each caller keeps its mapper in a constant; none is configured anywhere else.
 * Modules are registered explicitly: no ServiceLoader scanning at run time (native image).
 *
 * <ul>
 * <li>{@link #storedDocuments()}: what we write to the run store and read back, possibly a version later;</li>
 * <li>{@link #evaluationDocuments()}: evaluation documents, which people and other tools also write;</li>
 * <li>{@link #databricksWire()}: requests to and responses from the Databricks REST API;</li>
 * <li>{@link #functionEvents()}: the events our functions are invoked with;</li>
 * <li>{@link #untrusted(int, int)}: text from outside (a space's {@code serialized_space}, model replies, fix
 * documents), bounded before anything is bound.</li>
 * </ul>
 * Log lines carry no JSON of their own: what is logged is plain text.
 */
public final class JsonMappers {

    private JsonMappers() {
    }

    /**
     * Documents we store (snapshots, locks, iteration records, fix logs, reports): ISO-8601 instants (readable in a
     * bucket listing), Optional fields, and unknown fields tolerated on read because documents outlive versions.
     */
    public static ObjectMapper storedDocuments() {
        return stored().build();
    }

    private static JsonMapper.Builder stored() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Evaluation documents: as {@link #storedDocuments()}, and also written by people and report tools (external
     * results in our shape), so they are indented, leave absent values out, and keep an instant's own offset.
     */
    public static ObjectMapper evaluationDocuments() {
        return stored()
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .serializationInclusion(JsonInclude.Include.NON_ABSENT)
                .build();
    }

    /**
     * The Databricks REST API, independent of whatever the application's own mapper is configured to do: unknown
     * fields ignored (the API grows), Optional supported, absent values not written in requests (the API reads a
     * JSON null as a value).
     */
    public static ObjectMapper databricksWire() {
        return JsonMapper.builder()
                .addModule(new Jdk8Module())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_ABSENT)
                .build();
    }

    /**
     * Function events, typed by people in a console: unknown fields rejected (a typo such as {@code spaceID} must
     * not run with defaults), and no silent coercion (iteration {@code 1.9} is not 1, {@code 7} is not a string).
     */
    public static ObjectMapper functionEvents() {
        return JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    /**
     * Text from outside (hostile until read): nesting and string length bounded by the parser, before anything is
     * bound, so a crafted document cannot exhaust the stack or the heap. Callers add what their format needs.
     */
    public static JsonMapper.Builder untrusted(int maxNestingDepth, int maxStringChars) {
        return JsonMapper.builder(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxNestingDepth)
                        .maxStringLength(maxStringChars)
                        .build())
                .build());
    }
}
