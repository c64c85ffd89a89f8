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

    public static EnhancerException invalidInput(String detail) {
        return new EnhancerException(ErrorCode.InvalidInput, detail);
    }
}
