package io.genieenhancer.databricks;

import io.genieenhancer.error.ErrorCode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabricksErrorsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @ParameterizedTest(name = "{0} HTTP {1} {2} -> {3}")
    @CsvSource({
            "GET_SPACE,               404, RESOURCE_DOES_NOT_EXIST, SpaceNotFound",
            "UPDATE_SPACE,            404, RESOURCE_DOES_NOT_EXIST, SpaceNotFound",
            "GET_EVAL_RUN,            404, RESOURCE_DOES_NOT_EXIST, EvaluationNotFound",
            "LIST_EVAL_RESULTS,       404, ENDPOINT_NOT_FOUND,      EvaluationNotFound",
            "GET_MESSAGE,             404, RESOURCE_DOES_NOT_EXIST, SpaceNotFound",
            "GET_STATEMENT,           404, RESOURCE_DOES_NOT_EXIST, EvaluationFailed",
            "GET_SPACE,               401, UNAUTHENTICATED,         AccessDenied",
            "UPDATE_SPACE,            403, PERMISSION_DENIED,       AccessDenied",
            "UPDATE_SPACE,            400, INVALID_PARAMETER_VALUE, InvalidSpaceConfig",
            "UPDATE_SPACE,            400, MALFORMED_REQUEST,       InvalidSpaceConfig",
            "CREATE_EVAL_RUN,         400, FEATURE_DISABLED,        InvalidInput",
            "EXECUTE_STATEMENT,       400, INVALID_PARAMETER_VALUE, InvalidInput",
            "UPDATE_SPACE,            409, ABORTED,                 ConcurrentModification",
            "UPDATE_SPACE,            400, RESOURCE_CONFLICT,       ConcurrentModification",
            "UPDATE_SPACE,            412, '',                      ConcurrentModification",
            "START_CONVERSATION,      429, REQUEST_LIMIT_EXCEEDED,  RateLimited",
            "START_CONVERSATION,      400, REQUEST_LIMIT_EXCEEDED,  RateLimited",
            "GET_SPACE,               500, INTERNAL_ERROR,          DatabricksUnavailable",
            "GET_SPACE,               502, '',                      DatabricksUnavailable",
            "GET_SPACE,               503, TEMPORARILY_UNAVAILABLE, DatabricksUnavailable",
            "GET_SPACE,               504, '',                      DatabricksUnavailable",
            "FETCH_TOKEN,             401, invalid_client,          AccessDenied",
            "FETCH_TOKEN,             400, invalid_request,         AccessDenied",
    })
    void everyRowOfTheErrorTableMapsToItsCode(String operation, int status, String serverCode, ErrorCode expected) throws Exception {
        Operation op = (Operation) Operation.class.getDeclaredField(operation).get(null);
        String body = serverCode.isEmpty() ? "" : "{\"error_code\":\"" + serverCode + "\",\"message\":\"server says no\"}";
        DatabricksApiException e = DatabricksErrors.fromResponse(op, "x", status, body, null, NOW);
        assertEquals(expected, e.code());
        assertTrue(e.getMessage().startsWith("[" + expected.name() + "] "), e.getMessage());
    }

    @Test
    void aRejectedUpdateCarriesTheServersErrorCodeAndMessage() {
        DatabricksApiException e = DatabricksErrors.fromResponse(Operation.UPDATE_SPACE, "01f0", 400,
                "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"Invalid serialized_space: join_specs must be sorted by id\"}",
                null, NOW);
        assertEquals("[InvalidSpaceConfig] updateSpace 01f0: HTTP 400 INVALID_PARAMETER_VALUE: Invalid serialized_space: "
                + "join_specs must be sorted by id", e.getMessage());
        assertEquals("INVALID_PARAMETER_VALUE", e.databricksErrorCode().orElseThrow());
        assertEquals(400, e.httpStatus().orElseThrow());
        assertFalse(e.retryableInProcess());
    }

    @Test
    void onlyRefusalsAndGatewayErrorsAreRetriedAndGatewayErrorsOnlyForIdempotentCalls() {
        assertTrue(DatabricksErrors.fromResponse(Operation.START_CONVERSATION, "s", 429, "", null, NOW).retryableInProcess());
        assertTrue(DatabricksErrors.fromResponse(Operation.START_CONVERSATION, "s", 503, "", null, NOW).retryableInProcess());
        assertFalse(DatabricksErrors.fromResponse(Operation.START_CONVERSATION, "s", 502, "", null, NOW).retryableInProcess());
        assertFalse(DatabricksErrors.fromResponse(Operation.CREATE_EVAL_RUN, "s", 504, "", null, NOW).retryableInProcess());
        assertTrue(DatabricksErrors.fromResponse(Operation.GET_SPACE, "s", 502, "", null, NOW).retryableInProcess());
        assertTrue(DatabricksErrors.fromResponse(Operation.GET_SPACE, "s", 504, "", null, NOW).retryableInProcess());
        for (int status : new int[] {400, 401, 403, 404, 409, 500}) {
            assertFalse(DatabricksErrors.fromResponse(Operation.GET_SPACE, "s", status, "", null, NOW).retryableInProcess(),
                    "HTTP " + status);
        }
    }

    @Test
    void aRequestThatNeverLeftIsRetriedEvenWhenItIsNotIdempotentButATimeoutIsNot() {
        DatabricksApiException refused = DatabricksErrors.transport(Operation.START_CONVERSATION, "s",
                new RuntimeException(new ConnectException("Connection refused")));
        assertEquals(ErrorCode.DatabricksUnavailable, refused.code());
        assertTrue(refused.retryableInProcess());
        assertTrue(refused.getMessage().contains("cannot connect"), refused.getMessage());

        DatabricksApiException timedOut = DatabricksErrors.transport(Operation.START_CONVERSATION, "s",
                new RuntimeException(new SocketTimeoutException("Read timed out")));
        assertFalse(timedOut.retryableInProcess());
        assertTrue(timedOut.getMessage().contains("timed out"), timedOut.getMessage());
        assertTrue(DatabricksErrors.transport(Operation.GET_SPACE, "s", new IOException("reset")).retryableInProcess());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        assertEquals(7, DatabricksErrors.parseRetryAfter("7", NOW));
        assertEquals(0, DatabricksErrors.parseRetryAfter("-3", NOW));
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(120).atOffset(ZoneOffset.UTC));
        assertEquals(120, DatabricksErrors.parseRetryAfter(inTwoMinutes, NOW));
        assertNull(DatabricksErrors.parseRetryAfter("soon", NOW));
        assertNull(DatabricksErrors.parseRetryAfter(null, NOW));
        assertEquals(30, DatabricksErrors.fromResponse(Operation.GET_SPACE, "s", 429, "", "30", NOW).retryAfterSeconds().orElseThrow());
    }

    @Test
    void errorBodiesAreReadInDatabricksOAuthAndPlainTextForms() {
        assertEquals(new DatabricksErrors.ServerError("RESOURCE_DOES_NOT_EXIST", "Space x does not exist"),
                DatabricksErrors.parseBody("{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Space x does not exist\"}"));
        assertEquals(new DatabricksErrors.ServerError("invalid_client", "Client authentication failed"),
                DatabricksErrors.parseBody("{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}"));
        assertEquals(new DatabricksErrors.ServerError(null, "<html> <body>Bad Gateway</body> </html>"),
                DatabricksErrors.parseBody("<html>\n<body>Bad Gateway</body>\n</html>"));
        DatabricksErrors.ServerError huge = DatabricksErrors.parseBody("x".repeat(5000));
        assertTrue(huge.message().length() < 500, "a long body is clipped");
    }

    @Test
    void aTruncatedSuccessBodyIsUnavailabilityRetriedOnlyForIdempotentCalls() {
        Exception parse = new IOException("Unexpected end-of-input");
        DatabricksApiException e = DatabricksErrors.malformed(Operation.GET_MESSAGE, "m", 200, parse);
        assertEquals(ErrorCode.DatabricksUnavailable, e.code());
        assertTrue(e.retryableInProcess());
        assertFalse(DatabricksErrors.malformed(Operation.START_CONVERSATION, "s", 200, parse).retryableInProcess());
    }
}
