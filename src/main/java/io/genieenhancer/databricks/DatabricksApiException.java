package io.genieenhancer.databricks;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import java.util.Optional;

/**
 * A failed Databricks call, still an {@link EnhancerException} (so functions handle it by its code) but with what
 * the server said, for callers that decide on it: e.g. an evaluator falls back to self-run when eval-runs answers
 * {@code ENDPOINT_NOT_FOUND} or {@code FEATURE_DISABLED}. The message never contains credentials: it is built
 * only from the operation name, the status and the server's error body.
 */
public class DatabricksApiException extends EnhancerException {

    private final String operation;
    private final int httpStatus;
    private final String databricksErrorCode;
    private final boolean retryableInProcess;

    DatabricksApiException(ErrorCode code, String operation, String detail, int httpStatus, String databricksErrorCode,
            Integer retryAfterSeconds, boolean retryableInProcess, Throwable cause) {
        super(code, detail, retryAfterSeconds, cause);
        this.operation = operation;
        this.httpStatus = httpStatus;
        this.databricksErrorCode = databricksErrorCode;
        this.retryableInProcess = retryableInProcess;
    }

    /** The call that failed, e.g. {@code getSpace}, {@code fetchOAuthToken}. */
    public String operation() {
        return operation;
    }

    /** The HTTP status, when the server answered at all. */
    public Optional<Integer> httpStatus() {
        return httpStatus > 0 ? Optional.of(httpStatus) : Optional.empty();
    }

    /** The server's {@code error_code} (e.g. {@code RESOURCE_DOES_NOT_EXIST}), when its body had one. */
    public Optional<String> databricksErrorCode() {
        return Optional.ofNullable(databricksErrorCode);
    }

    /** True when repeating the same call right away can help and cannot do harm. */
    boolean retryableInProcess() {
        return retryableInProcess;
    }
}
