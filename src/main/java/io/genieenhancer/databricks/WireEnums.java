package io.genieenhancer.databricks;

/** Lenient enum reading: Databricks adds enum values over time; an unknown one must not fail a whole response. */
final class WireEnums {

    private WireEnums() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, E unknown) {
        if (value == null) {
            return unknown;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return unknown;
        }
    }
}
