package io.genieenhancer.space;

/**
 * The serialized space cannot be read: names the JSON path and the reason, never a parser stack trace.
 */
public final class SpaceFormatException extends RuntimeException {
    private final String path;
    private final String reason;

    public SpaceFormatException(String path, String reason) {
        super(path + ": " + reason);
        this.path = path;
        this.reason = reason;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }
}
