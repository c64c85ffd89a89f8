package io.genieenhancer.space;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * What the model does not own of one JSON object: the fields it does not know (kept verbatim, so a
 * round trip loses nothing) and the original key order (so known-but-empty fields come back and the
 * printed object reads like the input).
 */
public record Extras(ObjectNode unknown, List<String> keyOrder) {

    private static final Extras NONE = new Extras(JsonNodeFactory.instance.objectNode(), List.of());

    public Extras {
        keyOrder = List.copyOf(keyOrder);
    }

    /** For objects the enhancer creates: no unknown fields, canonical key order. */
    public static Extras none() {
        return NONE;
    }

    boolean wasPresent(String key) {
        return keyOrder.contains(key);
    }

    /** Read-only view for the printer (no copy). */
    ObjectNode unknownView() {
        return unknown;
    }

    @Override
    public ObjectNode unknown() {
        return unknown.deepCopy(); // callers must not mutate ours
    }
}
