package io.genieenhancer.databricks;

import java.util.List;
import java.util.Optional;

/** Null-to-empty for wire records: absent JSON arrays and objects cross package boundaries as empty, never null. */
final class Wire {

    private Wire() {
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : value;
    }

    static <T> Optional<T> opt(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }
}
