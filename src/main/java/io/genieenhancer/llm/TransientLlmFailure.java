package io.genieenhancer.llm;

/**
 * A failure worth another attempt (429, 5xx, I/O, timeout). Thrown inside {@link ChatTransport} so SmallRye Fault
 * Tolerance retries it; what survives the retries becomes {@code [LlmUnavailable]}.
 */
public class TransientLlmFailure extends RuntimeException {

    public TransientLlmFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
