package io.genieenhancer.databricks;

import com.databricks.sdk.core.utils.SerDeUtils;
import com.databricks.sdk.service.dashboards.GenieUpdateSpaceRequest;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Databricks' own Java SDK (0.141.0, generated from Databricks' OpenAPI spec) as the oracle for the wire format:
 * every JSON name our records use exists in the SDK's model of the same object, our enums have the SDK's values,
 * our request bodies parse strictly into the SDK's request classes, and the documented payloads our WireMock
 * serves parse strictly into the SDK's response classes.
 */
class DatabricksSdkContractTest {

    private static final String DASHBOARDS = "com.databricks.sdk.service.dashboards.";
    private static final String SQL = "com.databricks.sdk.service.sql.";

    /** The SDK's own mapper, made strict about unknown fields: a misspelt or invented field fails. */
    private static final ObjectMapper STRICT_SDK = SerDeUtils.createMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, false);

    /** Names the newer API has but SDK 0.141.0 predates (reference §8: create/update time arrived in 0.146.0). */
    private static final Map<Class<?>, Set<String>> NEWER_THAN_ORACLE = Map.of(
            GenieSpace.class, Set.of("create_time", "update_time"));

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
            "GenieSpace, " + DASHBOARDS + "GenieSpace",
            "GenieSpaceUpdate, " + DASHBOARDS + "GenieUpdateSpaceRequest",
            "GenieListSpacesResponse, " + DASHBOARDS + "GenieListSpacesResponse",
            "GenieCreateEvalRunRequest, " + DASHBOARDS + "GenieCreateEvalRunRequest",
            "GenieEvalRunResponse, " + DASHBOARDS + "GenieEvalRunResponse",
            "GenieListEvalRunsResponse, " + DASHBOARDS + "GenieListEvalRunsResponse",
            "GenieEvalResult, " + DASHBOARDS + "GenieEvalResult",
            "GenieListEvalResultsResponse, " + DASHBOARDS + "GenieListEvalResultsResponse",
            "GenieEvalResultDetails, " + DASHBOARDS + "GenieEvalResultDetails",
            "GenieEvalResponse, " + DASHBOARDS + "GenieEvalResponse",
            "GenieStartConversationMessageRequest, " + DASHBOARDS + "GenieStartConversationMessageRequest",
            "GenieStartConversationResponse, " + DASHBOARDS + "GenieStartConversationResponse",
            "GenieConversation, " + DASHBOARDS + "GenieConversation",
            "GenieMessage, " + DASHBOARDS + "GenieMessage",
            "GenieAttachment, " + DASHBOARDS + "GenieAttachment",
            "GenieQueryAttachment, " + DASHBOARDS + "GenieQueryAttachment",
            "GenieResultMetadata, " + DASHBOARDS + "GenieResultMetadata",
            "QueryAttachmentParameter, " + DASHBOARDS + "QueryAttachmentParameter",
            "TextAttachment, " + DASHBOARDS + "TextAttachment",
            "GenieSuggestedQuestionsAttachment, " + DASHBOARDS + "GenieSuggestedQuestionsAttachment",
            "MessageError, " + DASHBOARDS + "MessageError",
            "LegacyQueryResult, " + DASHBOARDS + "Result",
            "GenieGetMessageQueryResultResponse, " + DASHBOARDS + "GenieGetMessageQueryResultResponse",
            "ExecuteStatementRequest, " + SQL + "ExecuteStatementRequest",
            "StatementParameterListItem, " + SQL + "StatementParameterListItem",
            "StatementResponse, " + SQL + "StatementResponse",
            "StatementStatus, " + SQL + "StatementStatus",
            "ServiceError, " + SQL + "ServiceError",
            "ResultManifest, " + SQL + "ResultManifest",
            "ResultSchema, " + SQL + "ResultSchema",
            "ColumnInfo, " + SQL + "ColumnInfo",
            "BaseChunkInfo, " + SQL + "BaseChunkInfo",
            "ResultData, " + SQL + "ResultData",
    })
    void everyJsonNameOfOurRecordExistsInTheSdkModel(String ours, String sdk) throws Exception {
        Class<?> record = Class.forName("io.genieenhancer.databricks." + ours);
        Set<String> ourNames = new TreeSet<>();
        for (var component : record.getRecordComponents()) {
            // @JsonProperty on a record component lands on its field (the annotation does not target components)
            JsonProperty p = record.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class);
            ourNames.add(p == null ? "<" + component.getName() + " without @JsonProperty>" : p.value());
        }
        ourNames.removeAll(NEWER_THAN_ORACLE.getOrDefault(record, Set.of()));
        Set<String> sdkNames = Arrays.stream(Class.forName(sdk).getDeclaredFields())
                .map(f -> f.getAnnotation(JsonProperty.class))
                .filter(p -> p != null)
                .map(JsonProperty::value)
                .collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(ourNames);
        unknown.removeAll(sdkNames);
        assertTrue(unknown.isEmpty(), ours + " uses names the SDK's " + sdk + " does not know: " + unknown + " (SDK has " + sdkNames + ")");
    }

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource({
            "MessageStatus, " + DASHBOARDS + "MessageStatus",
            "EvaluationStatusType, " + DASHBOARDS + "EvaluationStatusType",
            "GenieEvalAssessment, " + DASHBOARDS + "GenieEvalAssessment",
            "StatementState, " + SQL + "StatementState",
    })
    void ourEnumsHaveExactlyTheSdkValuesPlusUnknown(String ours, String sdk) throws Exception {
        Set<String> ourValues = Arrays.stream(Class.forName("io.genieenhancer.databricks." + ours).getEnumConstants())
                .map(Object::toString).filter(v -> !v.equals("UNKNOWN")).collect(Collectors.toCollection(TreeSet::new));
        Set<String> sdkValues = Arrays.stream(Class.forName(sdk).getEnumConstants())
                .map(Object::toString).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(sdkValues, ourValues);
    }

    @Test
    void ourRequestBodiesParseStrictlyIntoTheSdkRequests() throws Exception {
        GenieUpdateSpaceRequest update = STRICT_SDK.readValue(
                DatabricksJson.write(new GenieSpaceUpdate("{\"version\":2}", "etag-1")), GenieUpdateSpaceRequest.class);
        assertEquals("{\"version\":2}", update.getSerializedSpace());
        assertEquals("etag-1", update.getEtag());

        var evalRun = STRICT_SDK.readValue(DatabricksJson.write(new GenieCreateEvalRunRequest(List.of("q1"))),
                com.databricks.sdk.service.dashboards.GenieCreateEvalRunRequest.class);
        assertEquals(List.of("q1"), List.copyOf(evalRun.getBenchmarkQuestionIds()));

        var question = STRICT_SDK.readValue(DatabricksJson.write(new GenieStartConversationMessageRequest("Why?")),
                com.databricks.sdk.service.dashboards.GenieStartConversationMessageRequest.class);
        assertEquals("Why?", question.getContent());

        var statement = STRICT_SDK.readValue(DatabricksJson.write(ExecuteStatementRequest
                        .inlineJsonArray("wh-1", "SELECT :x", 30, 100).withCatalogAndSchema("main", "sales")
                        .withParameters(List.of(new StatementParameterListItem("x", "1", "INT")))),
                com.databricks.sdk.service.sql.ExecuteStatementRequest.class);
        assertEquals("wh-1", statement.getWarehouseId());
        assertEquals(com.databricks.sdk.service.sql.Disposition.INLINE, statement.getDisposition());
        assertEquals(com.databricks.sdk.service.sql.Format.JSON_ARRAY, statement.getFormat());
        assertEquals(com.databricks.sdk.service.sql.ExecuteStatementRequestOnWaitTimeout.CONTINUE, statement.getOnWaitTimeout());
        assertEquals("30s", statement.getWaitTimeout());
        assertEquals(100L, statement.getRowLimit());
        assertEquals("x", statement.getParameters().iterator().next().getName());
    }

    @ParameterizedTest(name = "{0} parses as {1}")
    @CsvSource({
            "space.json, " + DASHBOARDS + "GenieSpace",
            "spaces-page-1.json, " + DASHBOARDS + "GenieListSpacesResponse",
            "spaces-page-3.json, " + DASHBOARDS + "GenieListSpacesResponse",
            "eval-run.json, " + DASHBOARDS + "GenieEvalRunResponse",
            "eval-results-page-1.json, " + DASHBOARDS + "GenieListEvalResultsResponse",
            "eval-result-details.json, " + DASHBOARDS + "GenieEvalResultDetails",
            "start-conversation.json, " + DASHBOARDS + "GenieStartConversationResponse",
            "message-failed.json, " + DASHBOARDS + "GenieMessage",
            "query-result.json, " + DASHBOARDS + "GenieGetMessageQueryResultResponse",
            "statement-succeeded.json, " + SQL + "StatementResponse",
            "statement-chunk-1.json, " + SQL + "ResultData",
            "statement-failed.json, " + SQL + "StatementResponse",
            "statement-running.json, " + SQL + "StatementResponse",
    })
    void theDocumentedPayloadsWeServeParseStrictlyWithTheSdk(String fixture, String sdkClass) throws Exception {
        Object parsed = STRICT_SDK.readValue(Fixtures.read(fixture), Class.forName(sdkClass));
        assertTrue(parsed != null);
    }

    @Test
    void payloadsWithValuesNewerThanTheOracleStillParseWithTheSdksOwnLenientMapper() throws Exception {
        // message-completed.json has purpose TEXT_ATTACHMENT_PURPOSE_ANSWER (reference §3, SDK 0.149) unknown to 0.141.0;
        // spaces-page-2.json and eval-results-page-2.json carry a made-up future field and status on purpose
        ObjectMapper sdk = SerDeUtils.createMapper();
        var message = sdk.readValue(Fixtures.read("message-completed.json"), com.databricks.sdk.service.dashboards.GenieMessage.class);
        assertEquals("SELECT AVG(order_amount) FROM main.sales.orders",
                message.getAttachments().stream().filter(a -> a.getQuery() != null).findFirst().orElseThrow().getQuery().getQuery());
        sdk.readValue(Fixtures.read("spaces-page-2.json"), com.databricks.sdk.service.dashboards.GenieListSpacesResponse.class);
        sdk.readValue(Fixtures.read("eval-results-page-2.json"), com.databricks.sdk.service.dashboards.GenieListEvalResultsResponse.class);
        // and a strict parse of the completed message fails only on that enum value
        String withKnownPurpose = Fixtures.read("message-completed.json").replace("TEXT_ATTACHMENT_PURPOSE_ANSWER", "FOLLOW_UP_QUESTION");
        STRICT_SDK.readValue(withKnownPurpose, com.databricks.sdk.service.dashboards.GenieMessage.class);
    }
}
