package io.genieenhancer.space;

/** One broken server-side rule: where (JSON path), which rule, and a readable explanation. */
public record Violation(String path, String rule, String message) {
    @Override
    public String toString() {
        return path + " [" + rule + "] " + message;
    }
}
