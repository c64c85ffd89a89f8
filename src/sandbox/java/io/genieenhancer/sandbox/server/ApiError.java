package io.genieenhancer.sandbox.server;

import java.util.Optional;

/**
 * A refused request, answered the way Databricks answers: HTTP status plus
 * {@code {"error_code": "...", "message": "..."}} (and {@code Retry-After} on 429).
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String errorCode;
    private final Integer retryAfterSeconds;

    public ApiError(int status, String errorCode, String message) {
        this(status, errorCode, message, null);
    }

    public ApiError(int status, String errorCode, String message, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiError invalid(String message) {
        return new ApiError(400, "INVALID_PARAMETER_VALUE", message);
    }

    public static ApiError notFound(String message) {
        return new ApiError(404, "RESOURCE_DOES_NOT_EXIST", message);
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public Optional<Integer> retryAfterSeconds() {
        return Optional.ofNullable(retryAfterSeconds);
    }
}
