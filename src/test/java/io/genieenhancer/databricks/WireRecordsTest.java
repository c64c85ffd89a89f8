package io.genieenhancer.databricks;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireRecordsTest {

    @Test
    void aCompletedMessageExposesGeniesSqlItsStatementAndItsText() {
        GenieMessage m = Fixtures.parse("message-completed.json", GenieMessage.class);
        assertEquals(MessageStatus.COMPLETED, m.status());
        assertTrue(m.status().isTerminal());
        GenieQueryAttachment q = m.queryAttachment().orElseThrow().query().orElseThrow();
        assertEquals("SELECT AVG(order_amount) FROM main.sales.orders", q.query().orElseThrow());
        assertEquals("01f0ssss000000000000000000000003", q.statementId().orElseThrow());
        assertEquals(1, q.queryResultMetadata().orElseThrow().rowCount());
        assertEquals(List.of(new QueryAttachmentParameter("region", "STRING", "EMEA")), q.parameters());
        assertEquals("a-query", m.queryAttachment().orElseThrow().attachmentId());
        assertEquals(1, m.texts().size());
        assertFalse(m.texts().get(0).isFollowUpQuestion());
        assertTrue(m.error().isEmpty());
    }

    @Test
    void aFailedMessageCarriesItsErrorTypeAndAClarifyingQuestionIsRecognised() {
        GenieMessage m = Fixtures.parse("message-failed.json", GenieMessage.class);
        assertEquals(MessageStatus.FAILED, m.status());
        assertEquals("GENERATED_SQL_QUERY_TOO_LONG_EXCEPTION", m.error().orElseThrow().type().orElseThrow());
        assertTrue(m.texts().get(0).isFollowUpQuestion());
        assertTrue(m.queryAttachment().isEmpty());
    }

    @Test
    void statusValuesNewerThanThisCodeReadAsUnknownInsteadOfFailing() throws Exception {
        GenieMessage m = DatabricksJson.MAPPER.readValue("{\"message_id\":\"m\",\"status\":\"THINKING_HARDER\"}", GenieMessage.class);
        assertEquals(MessageStatus.UNKNOWN, m.status());
        assertFalse(m.status().isTerminal());
        assertEquals(List.of(), m.attachments());
        GenieListEvalResultsResponse page = Fixtures.parse("eval-results-page-2.json", GenieListEvalResultsResponse.class);
        assertEquals(EvaluationStatusType.UNKNOWN, page.evalResults().get(0).status());
        assertTrue(page.nextPageToken().isEmpty());
    }

    @Test
    void evalResultDetailsCarryTheAssessmentReasonsAndBothResultSets() {
        GenieEvalResultDetails d = Fixtures.parse("eval-result-details.json", GenieEvalResultDetails.class);
        assertEquals(GenieEvalAssessment.BAD, d.assessment());
        assertEquals(List.of("RESULT_MISSING_ROWS", "LLM_JUDGE_MISSING_OR_INCORRECT_FILTER"), d.assessmentReasons());
        GenieEvalResponse actual = d.actualResponse().get(0);
        assertTrue(actual.isSql());
        StatementResponse actualRows = actual.sqlExecutionResult().orElseThrow();
        assertEquals(StatementState.SUCCEEDED, actualRows.state());
        assertEquals(List.of(List.of("41.5")), actualRows.result().orElseThrow().dataArray());
        assertEquals("avg(order_amount)", actualRows.manifest().orElseThrow().columns().get(0).name());
        assertEquals(List.of(List.of("38.25")),
                d.expectedResponse().get(0).sqlExecutionResult().orElseThrow().result().orElseThrow().dataArray());
        assertEquals(EvaluationStatusType.DONE, d.evalRunStatus());
    }

    @Test
    void sqlNullsStayNullInsideRowsAndTheManifestGivesColumnTypes() {
        StatementResponse r = Fixtures.parse("query-result.json", GenieGetMessageQueryResultResponse.class).statementResponse();
        assertEquals(Arrays.asList("EMEA", null), r.result().orElseThrow().dataArray().get(1));
        ColumnInfo revenue = r.manifest().orElseThrow().columns().get(1);
        assertEquals("DECIMAL", revenue.typeName());
        assertEquals(38, revenue.typePrecision());
        assertEquals(2, revenue.typeScale());
    }

    @Test
    void aFailedStatementIsAnAnswerWithItsSqlErrorNotAnException() {
        StatementResponse r = Fixtures.parse("statement-failed.json", StatementResponse.class);
        assertEquals(StatementState.FAILED, r.state());
        assertTrue(r.status().error().orElseThrow().message().orElseThrow().contains("TABLE_OR_VIEW_NOT_FOUND"));
        assertEquals("42P01", r.status().sqlState().orElseThrow());
        assertTrue(r.manifest().isEmpty());
        assertTrue(r.result().isEmpty());
    }

    @Test
    void aChunkedResultPointsAtItsNextChunk() {
        StatementResponse r = Fixtures.parse("statement-succeeded.json", StatementResponse.class);
        assertEquals(1, r.result().orElseThrow().nextChunkIndex().orElseThrow());
        assertTrue(r.manifest().orElseThrow().truncated());
        assertEquals(2, r.manifest().orElseThrow().totalChunkCount());
        assertTrue(Fixtures.parse("statement-chunk-1.json", ResultData.class).nextChunkIndex().isEmpty());
    }

    @Test
    void startConversationGivesTheIdsToPollWith() throws Exception {
        GenieStartConversationResponse s = Fixtures.parse("start-conversation.json", GenieStartConversationResponse.class);
        assertEquals("c-1", s.conversationId());
        assertEquals("m-1", s.messageId());
        assertEquals(MessageStatus.SUBMITTED, s.message().orElseThrow().status());
        GenieStartConversationResponse nestedOnly = DatabricksJson.MAPPER.readValue(
                "{\"message\":{\"message_id\":\"m-9\",\"conversation_id\":\"c-9\"}}", GenieStartConversationResponse.class);
        assertEquals("c-9", nestedOnly.conversationId());
        assertEquals("m-9", nestedOnly.messageId());
    }

    @Test
    void requestBodiesUseTheRestFieldNamesAndOmitWhatIsNotSet() throws Exception {
        JsonNode all = DatabricksJson.MAPPER.readTree(DatabricksJson.write(new GenieCreateEvalRunRequest(List.of())));
        assertEquals(0, all.size(), "no ids: the field is omitted and the server runs every benchmark");
        JsonNode some = DatabricksJson.MAPPER.readTree(DatabricksJson.write(new GenieCreateEvalRunRequest(List.of("q1", "q2"))));
        assertEquals("[\"q1\",\"q2\"]", some.get("benchmark_question_ids").toString());

        JsonNode update = DatabricksJson.MAPPER.readTree(DatabricksJson.write(new GenieSpaceUpdate("{\"version\":2}", null)));
        assertEquals("{\"serialized_space\":\"{\\\"version\\\":2}\"}", update.toString());

        JsonNode statement = DatabricksJson.MAPPER.readTree(DatabricksJson.write(
                ExecuteStatementRequest.inlineJsonArray("wh-1", "SELECT 1", 30, 10_000)));
        assertEquals("SELECT 1", statement.get("statement").asText());
        assertEquals("wh-1", statement.get("warehouse_id").asText());
        assertEquals("30s", statement.get("wait_timeout").asText());
        assertEquals("CONTINUE", statement.get("on_wait_timeout").asText());
        assertEquals("INLINE", statement.get("disposition").asText());
        assertEquals("JSON_ARRAY", statement.get("format").asText());
        assertEquals(10_000, statement.get("row_limit").asLong());
        assertNull(statement.get("parameters"));
        assertNull(statement.get("catalog"));
    }

    @Test
    void aStatementRequestTheServerWouldRefuseIsRejectedBeforeAnyCall() {
        EnhancerException wait = assertThrows(EnhancerException.class,
                () -> ExecuteStatementRequest.inlineJsonArray("wh", "SELECT 1", 60, 10));
        assertEquals(ErrorCode.InvalidInput, wait.code());
        assertThrows(EnhancerException.class, () -> ExecuteStatementRequest.inlineJsonArray("wh", "SELECT 1", 3, 10));
        assertThrows(EnhancerException.class, () -> ExecuteStatementRequest.inlineJsonArray(" ", "SELECT 1", 10, 10));
        assertThrows(EnhancerException.class, () -> ExecuteStatementRequest.inlineJsonArray("wh", "", 10, 10));
        assertThrows(EnhancerException.class, () -> ExecuteStatementRequest.inlineJsonArray("wh", "SELECT 1", 10, 0));
        ExecuteStatementRequest.inlineJsonArray("wh", "SELECT 1", 0, 1);
        ExecuteStatementRequest.inlineJsonArray("wh", "SELECT 1", 50, 1);
    }
}
