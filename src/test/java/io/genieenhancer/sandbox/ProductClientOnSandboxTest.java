package io.genieenhancer.sandbox;

import io.genieenhancer.databricks.DatabricksApiException;
import io.genieenhancer.databricks.ExecuteStatementRequest;
import io.genieenhancer.databricks.GenieConversations;
import io.genieenhancer.databricks.GenieEvalResult;
import io.genieenhancer.databricks.GenieEvalResultDetails;
import io.genieenhancer.databricks.GenieEvalRunResponse;
import io.genieenhancer.databricks.GenieEvalRuns;
import io.genieenhancer.databricks.GenieMessage;
import io.genieenhancer.databricks.GenieSpace;
import io.genieenhancer.databricks.GenieSpaceUpdate;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.databricks.GenieStartConversationResponse;
import io.genieenhancer.databricks.SqlStatements;
import io.genieenhancer.databricks.StatementResponse;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The product's own Databricks client (io.genieenhancer.databricks) works against the sandbox over HTTP. */
@QuarkusTest
@TestProfile(SandboxTestWorkspace.Profile.class)
class ProductClientOnSandboxTest {

    @Inject
    GenieSpaces spaces;

    @Inject
    GenieConversations conversations;

    @Inject
    GenieEvalRuns evalRuns;

    @Inject
    SqlStatements statements;

    String spaceId() {
        return SandboxTestWorkspace.workspace().spaceId();
    }

    @Test
    void theClientReadsAndUpdatesTheSpaceAndAStaleEtagIsAConcurrentModification() {
        GenieSpace before = spaces.get(spaceId());
        SpaceConfig config = SpaceJson.parse(before.serializedSpace());
        assertEquals(46, config.benchmarks().questions().size());
        assertTrue(spaces.list().stream().anyMatch(s -> s.spaceId().equals(spaceId())));

        SpaceConfig edited = new SpaceEdits(config).synonyms("main.retail.products", "brand", "maker").result();
        GenieSpace after = spaces.update(spaceId(), new GenieSpaceUpdate(SpaceJson.print(edited), before.etag()));
        assertNotEquals(before.etag(), after.etag());

        DatabricksApiException stale = assertThrows(DatabricksApiException.class,
                () -> spaces.update(spaceId(), new GenieSpaceUpdate(before.serializedSpace(), before.etag())));
        assertEquals(ErrorCode.ConcurrentModification, stale.code());
        DatabricksApiException invalid = assertThrows(DatabricksApiException.class,
                () -> spaces.update(spaceId(), new GenieSpaceUpdate("{\"version\": 2, \"title\": \"x\"}", null)));
        assertEquals(ErrorCode.InvalidSpaceConfig, invalid.code());
        // put the original back for the other tests
        spaces.update(spaceId(), new GenieSpaceUpdate(before.serializedSpace(), null));
    }

    @Test
    void theClientAsksGenieAndReadsTheRowsOfItsQuery() {
        GenieStartConversationResponse start = conversations.startConversation(spaceId(), "How many stores are there in each country?");
        GenieMessage m = conversations.getMessage(spaceId(), start.conversationId(), start.messageId());
        assertEquals("COMPLETED", m.status().name());
        var attachment = m.attachments().get(0);
        StatementResponse rows = conversations.getAttachmentQueryResult(spaceId(), start.conversationId(), start.messageId(),
                attachment.attachmentId());
        assertEquals(7, rows.result().orElseThrow().dataArray().size());
    }

    @Test
    void theClientRunsAnEvalRunAndReadsItsResults() {
        GenieEvalRunResponse run = evalRuns.create(spaceId(), List.of());
        GenieEvalRunResponse done = evalRuns.get(spaceId(), run.evalRunId());
        assertEquals("DONE", done.evalRunStatus().name());
        assertEquals(46, done.numQuestions());
        List<GenieEvalResult> results = evalRuns.listResults(spaceId(), run.evalRunId());
        assertEquals(46, results.size());
        GenieEvalResultDetails details = evalRuns.getResultDetails(spaceId(), run.evalRunId(), results.get(0).resultId());
        assertEquals("GOOD", details.assessment().name());
        assertTrue(evalRuns.list(spaceId()).stream().anyMatch(r -> r.evalRunId().equals(run.evalRunId())));
    }

    @Test
    void theClientRunsStatementsAndSeesSqlErrorsAsFailedState() {
        String warehouse = SandboxTestWorkspace.workspace().warehouseId();
        StatementResponse ok = statements.execute(ExecuteStatementRequest.inlineJsonArray(warehouse,
                "SELECT COUNT(*) FROM main.retail.orders", 30, 1000));
        assertEquals("720", ok.result().orElseThrow().dataArray().get(0).get(0));
        StatementResponse failed = statements.execute(ExecuteStatementRequest.inlineJsonArray(warehouse, "SELECT nope", 30, 1000));
        assertEquals("FAILED", failed.status().state().name());
        StatementResponse pending = statements.execute(ExecuteStatementRequest.inlineJsonArray(warehouse,
                "SELECT 1", 0, 1000));
        assertEquals("SUCCEEDED", statements.get(pending.statementId()).status().state().name());
    }
}
