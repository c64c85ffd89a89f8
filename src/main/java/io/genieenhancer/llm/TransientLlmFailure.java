package io.genieenhancer.llm;

import java.util.Optional;

/**
 * A failure worth another attempt (429, 5xx, I/O, timeout). Thrown inside {@link ChatTransport} so SmallRye Fault
 * Tolerance retries it; what survives the retries becomes {@code [RateLimited]} (still 429: Step Functions waits
 * and runs the step again) or {@code [LlmUnavailable]} (anything else).
 *
 * @param status the HTTP status, 0 when no response came (connection refused, reset, timeout)
 */
public class TransientLlmFailure extends RuntimeException {

    private final int status;
    private final Optional<String> retryAfter;

    public TransientLlmFailure(String message, Throwable cause) {
        this(0, Optional.empty(), message, cause);
    }

    public TransientLlmFailure(int status, Optional<String> retryAfter, String message, Throwable cause) {
        super(message, cause, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** The server's Retry-After in seconds, when it sent one as a number. */
    public Optional<Integer> retryAfterSeconds() {
        return retryAfter.flatMap(v -> {
            try {
                return Optional.of(Math.max(1, Integer.parseInt(v.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: the default wait will do
            }
        });
    }
}
