package io.genieenhancer.fix;

/**
 * Fix JSON that cannot be read. {@code index} is the position of the bad item in a batch (-1 for the
 * document as a whole); the message names the field and never carries a stack trace or class name.
 */
public final class FixJsonException extends RuntimeException {

    private final int index;

    public FixJsonException(int index, String message) {
        super((index >= 0 ? "fix[" + index + "]: " : "") + message);
        this.index = index;
    }

    public int index() {
        return index;
    }
}
