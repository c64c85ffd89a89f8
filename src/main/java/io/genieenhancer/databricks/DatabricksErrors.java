package io.genieenhancer.databricks;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.error.Causes;
import io.genieenhancer.error.ErrorCode;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * The one place where Databricks failures become {@link ErrorCode}s (table in docs/databricks.md). Pure: status,
 * body and headers in, exception out, so every row of the table has a unit test.
 */
final class DatabricksErrors {

    /** Longest piece of a server body carried into a message: enough for the reason, not a whole HTML page. */
    private static final int MAX_SERVER_TEXT = 400;

    private static final Set<String> CONFLICT_CODES = Set.of("ABORTED", "RESOURCE_CONFLICT");
    private static final Set<String> RATE_LIMIT_CODES = Set.of("REQUEST_LIMIT_EXCEEDED", "RESOURCE_EXHAUSTED", "TOO_MANY_REQUESTS");
    private static final Set<String> ACCESS_CODES = Set.of("PERMISSION_DENIED", "UNAUTHENTICATED", "invalid_client", "unauthorized_client");
    private static final Set<String> NOT_FOUND_CODES = Set.of("RESOURCE_DOES_NOT_EXIST", "NOT_FOUND");

    private DatabricksErrors() {
    }

    /** What the server said went wrong: Databricks' {@code error_code}/{@code message} or OAuth's {@code error}/{@code error_description}. */
    record ServerError(String errorCode, String message) {
    }

    static DatabricksApiException fromResponse(Operation op, String subject, int status, String body, String retryAfter, Instant now) {
        ServerError server = parseBody(body);
        ErrorCode code = classify(op, status, server.errorCode());
        Integer retryAfterSeconds = parseRetryAfter(retryAfter, now);
        // 429 and 503 mean the server refused before acting, so any call may be repeated;
        // 502 and 504 come from a proxy that may have passed the request on, so only idempotent calls are repeated.
        boolean retryable = status == 429 || status == 503 || ((status == 502 || status == 504) && op.idempotent());
        StringBuilder detail = new StringBuilder(describe(op, subject)).append(": HTTP ").append(status);
        if (server.errorCode() != null) {
            detail.append(' ').append(server.errorCode());
        }
        if (server.message() != null) {
            detail.append(": ").append(server.message());
        }
        return new DatabricksApiException(code, op.name(), detail.toString(), status, server.errorCode(), retryAfterSeconds, retryable, null);
    }

    /** The request failed below HTTP: no answer, a cut connection, a timeout. */
    static DatabricksApiException transport(Operation op, String subject, Throwable failure) {
        boolean notSent = hasCause(failure, ConnectException.class) || hasCause(failure, UnknownHostException.class);
        String what = notSent ? "cannot connect" : timedOut(failure) ? "timed out" : "connection failed";
        // a request that never left can always be repeated; one that may have reached the server only when idempotent
        return new DatabricksApiException(ErrorCode.DatabricksUnavailable, op.name(),
                describe(op, subject) + ": " + what + " (" + rootDescription(failure) + ")",
                0, null, null, notSent || op.idempotent(), failure);
    }

    /** A 2xx answer whose body is not the JSON we expect (typically cut off mid-way). */
    static DatabricksApiException malformed(Operation op, String subject, int status, Exception parseFailure) {
        return new DatabricksApiException(ErrorCode.DatabricksUnavailable, op.name(),
                describe(op, subject) + ": HTTP " + status + " with an unreadable body (" + rootDescription(parseFailure) + ")",
                status, null, null, op.idempotent(), parseFailure);
    }

    static ErrorCode classify(Operation op, int status, String serverCode) {
        String c = serverCode == null ? "" : serverCode;
        if (status == 409 || status == 412 || CONFLICT_CODES.contains(c)) {
            return ErrorCode.ConcurrentModification;
        }
        if (status == 429 || RATE_LIMIT_CODES.contains(c)) {
            return ErrorCode.RateLimited;
        }
        if (status == 401 || status == 403 || ACCESS_CODES.contains(c)) {
            return ErrorCode.AccessDenied;
        }
        if (status == 404 || NOT_FOUND_CODES.contains(c)) {
            return op.resource().notFound;
        }
        if (status >= 500) {
            return ErrorCode.DatabricksUnavailable;
        }
        if (status >= 400) {
            return op.resource().badRequest;
        }
        return ErrorCode.DatabricksUnavailable;
    }

    static ServerError parseBody(String body) {
        if (body == null || body.isBlank()) {
            return new ServerError(null, null);
        }
        try {
            JsonNode node = DatabricksJson.MAPPER.readTree(body);
            if (node != null && node.isObject()) {
                String code = text(node, "error_code");
                String message = text(node, "message");
                if (code == null && node.path("error").isTextual()) {
                    code = text(node, "error");                       // OAuth and some legacy endpoints
                    message = message != null ? message : text(node, "error_description");
                }
                if (code != null || message != null) {
                    return new ServerError(code, message == null ? null : clip(message));
                }
            }
        } catch (Exception notJson) {
            // a proxy's HTML or plain text page: carry a little of it
        }
        return new ServerError(null, clip(body));
    }

    /** Seconds to wait from a Retry-After header: delta-seconds or an HTTP date; null when absent or unreadable. */
    static Integer parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return (int) Math.max(0, Math.min(seconds, Integer.MAX_VALUE));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                long seconds = Duration.between(now, at).toSeconds();
                return (int) Math.max(0, Math.min(seconds, Integer.MAX_VALUE));
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static String describe(Operation op, String subject) {
        return subject == null || subject.isBlank() ? op.name() : op.name() + " " + subject;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static String clip(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_SERVER_TEXT ? oneLine : oneLine.substring(0, MAX_SERVER_TEXT) + "…";
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        return Causes.chain(t).stream().anyMatch(type::isInstance);
    }

    private static boolean timedOut(Throwable t) {
        return Causes.chain(t).stream().anyMatch(c -> c.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("timeout")
                || (c.getMessage() != null && c.getMessage().toLowerCase(Locale.ROOT).contains("timeout")));
    }

    private static String rootDescription(Throwable t) {
        Throwable root = Causes.root(t);
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + clip(message));
    }
}
