package io.genieenhancer.error;

import java.util.Optional;

/**
 * A named failure. The message starts with {@code [Code]} because Funqy wraps every thrown exception as
 * {@code io.quarkus.funqy.runtime.ApplicationException} and only the message reaches Step Functions'
 * {@code Cause}: the state machine matches on {@code *[Code]*}.
 */
public class EnhancerException extends RuntimeException {

    private final ErrorCode code;
    private final Integer retryAfterSeconds;

    public EnhancerException(ErrorCode code, String detail) {
        this(code, detail, null, null);
    }

    public EnhancerException(ErrorCode code, String detail, Throwable cause) {
        this(code, detail, null, cause);
    }

    public EnhancerException(ErrorCode code, String detail, Integer retryAfterSeconds, Throwable cause) {
        super("[" + code.name() + "] " + detail, cause);
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ErrorCode code() {
        return code;
    }

    /** Server-advised wait (Retry-After), when there was one. */
    public Optional<Integer> retryAfterSeconds() {
        return Optional.ofNullable(retryAfterSeconds);
    }

    private static final java.util.regex.Pattern CODE_IN_TEXT = java.util.regex.Pattern.compile("\\[([A-Z][A-Za-z]+)]");

    /**
     * The first {@code [Code]} naming an {@link ErrorCode} in a text that carries our message, e.g. the {@code Cause}
     * Step Functions keeps of a function's failure (Funqy's wrapper type is all its {@code Error} says).
     */
    public static Optional<ErrorCode> codeIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = CODE_IN_TEXT.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            for (ErrorCode c : ErrorCode.values()) {
                if (c.name().equals(name)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    public static EnhancerException invalidInput(String detail) {
        return new EnhancerException(ErrorCode.InvalidInput, detail);
    }
}
