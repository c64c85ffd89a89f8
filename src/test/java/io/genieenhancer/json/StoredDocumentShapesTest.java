package io.genieenhancer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.cycle.IterationRecord;
import io.genieenhancer.cycle.Strategy;
import io.genieenhancer.evaluation.AttemptState;
import io.genieenhancer.evaluation.EvaluationPlan;
import io.genieenhancer.report.RunReport;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Documents written before the wide records were grouped (one flat object each) still load into the groups, and
 * are written back in the same flat shape: runs stored by an earlier version stay readable, and a run resumed
 * across an upgrade writes what the older reader expects.
 */
class StoredDocumentShapesTest {

    /** {@code iteration-1/fixes.json} as the 26-component record wrote it. */
    static final String OLD_ITERATION_RECORD = """
            {"status":"APPLIED","spaceId":"s1","runId":"r1","iteration":1,"strategy":"BATCH_ALL",
             "evaluationKey":"spaces/s1/runs/r1/iteration-0/evaluation.json","evaluationScore":0.5,"failuresAnalysed":4,
             "snapshotKey":"spaces/s1/runs/r1/iteration-1/config-before.json","snapshotVersionId":"v7",
             "etagBefore":"e1","etagAfter":"e2","plannedSha256":"abc","entityMatchingChanged":true,
             "indexingWaitSeconds":90,"byType":{"add_synonym":2},"fixesProposed":5,"fixesValid":3,"fixesApplied":2,
             "llmUsage":{"calls":1,"promptTokens":100,"completionTokens":20},"analyserRejections":["too vague"],
             "carried":[],"diffMarkdown":"+ synonym","startedAt":"2026-12-01T10:00:00Z","finishedAt":"2026-12-01T10:01:00Z"}
            """;

    @Test
    void anIterationRecordOfTheFlatShapeLoadsIntoItsGroupsAndIsWrittenBackUnchanged() throws Exception {
        IterationRecord r = Json.read(bytes(OLD_ITERATION_RECORD), IterationRecord.class);
        assertEquals(IterationRecord.Status.APPLIED, r.status());
        assertEquals(Strategy.BATCH_ALL, r.strategy());
        assertEquals(4, r.analysed().failuresAnalysed());
        assertEquals(100, r.analysed().llmUsage().promptTokens());
        assertEquals(Map.of("add_synonym", 2), r.counts().byType());
        assertEquals(2, r.counts().fixesApplied());
        assertEquals("v7", r.write().snapshotVersionId());
        assertEquals("e2", r.write().etagAfter());
        assertEquals(90, r.write().indexingWaitSeconds());
        assertEquals(Instant.parse("2026-12-01T10:01:00Z"), r.timing().finishedAt());
        assertEquals(tree(OLD_ITERATION_RECORD), Json.MAPPER.readTree(Json.bytes(r)));
    }

    @Test
    void aPendingIterationRecordLeavesOutWhatIsNotKnownYet() throws Exception {
        IterationRecord r = Json.read(bytes(OLD_ITERATION_RECORD), IterationRecord.class);
        IterationRecord pending = new IterationRecord(IterationRecord.Status.PENDING, r.spaceId(), r.runId(), r.iteration(),
                r.strategy(), r.analysed(), r.counts(), IterationRecord.SpaceWrite.planned("e1", "abc", false, 30), null,
                r.carried(), null, new IterationRecord.Timing(r.timing().startedAt(), null));
        JsonNode written = Json.MAPPER.readTree(Json.bytes(pending));
        for (String absent : new String[] {"snapshotKey", "snapshotVersionId", "etagAfter", "finishedAt", "fixLog"}) {
            assertEquals(false, written.has(absent), absent + " in " + written);
        }
        assertEquals("abc", written.get("plannedSha256").asText());
    }

    /** An evaluation plan as the 14-component record wrote it. */
    static final String OLD_PLAN = """
            {"spaceId":"s1","runId":"r1","iteration":0,"mode":"SELF_RUN","repeats":2,"allQuestions":true,
             "questions":[{"id":"q1","question":"How many?","groundTruthSql":"SELECT 1"}],"evalRunIds":[],
             "warehouseId":"wh1","rowCap":1000,"comparison":{"significantDigits":4,"allowExtraColumns":false},
             "questionTimeoutSeconds":600,"createdAt":"2026-12-01T10:00:00Z","notes":[]}
            """;

    @Test
    void anEvaluationPlanOfTheFlatShapeLoadsItsAttemptSettings() throws Exception {
        EvaluationPlan p = Json.read(bytes(OLD_PLAN), EvaluationPlan.class);
        assertEquals(Optional.of("wh1"), p.attempts().warehouseId());
        assertEquals(1000, p.attempts().rowCap());
        assertEquals(600, p.attempts().questionTimeoutSeconds());
        assertEquals(2, p.total());
        assertEquals(tree(OLD_PLAN), Json.MAPPER.readTree(Json.bytes(p)));
    }

    /** A self-run attempt as the 14-component record wrote it, mid-answer after one refusal. */
    static final String OLD_ATTEMPT = """
            {"questionId":"q1","repeat":0,"phase":"ANSWER","startedAt":"2026-12-01T10:00:00Z",
             "groundTruthStatementId":"st-1","groundTruthStartedAt":"2026-12-01T10:00:01Z","conversationId":"c-1",
             "messageId":"m-1","askedAt":"2026-12-01T10:00:02Z","consecutiveRetries":1,
             "retryNotBefore":"2026-12-01T10:00:30Z"}
            """;

    @Test
    void anAttemptStateOfTheFlatShapeLoadsIntoItsGroups() throws Exception {
        AttemptState a = Json.read(bytes(OLD_ATTEMPT), AttemptState.class);
        assertEquals(Optional.of("st-1"), a.groundTruth().groundTruthStatementId());
        assertEquals(Optional.of("c-1"), a.genie().conversationId());
        assertEquals(Optional.empty(), a.genie().generatedSql());
        assertEquals(1, a.refusals().consecutiveRetries());
        assertEquals(tree(OLD_ATTEMPT), Json.MAPPER.readTree(Json.bytes(a)));
        assertEquals(0, a.unrefused().refusals().consecutiveRetries());
    }

    static final String OLD_REPORT = """
            {"spaceId":"s1","runId":"r1","outcome":"TARGET_MET","baselineScore":0.5,"finalScore":1.0,"iterations":1,
             "fixesApplied":3,"fixesRolledBack":0,"startedAt":"2026-12-01T10:00:00Z","finishedAt":"2026-12-01T10:05:00Z",
             "rows":[],"fixes":[],"diffs":{},"flakyQuestions":[],"notScorableQuestions":[]}
            """;

    @Test
    void aRunReportKeepsItsTallyAtTheTopLevel() throws Exception {
        RunReport r = Json.read(bytes(OLD_REPORT), RunReport.class);
        assertEquals(new RunReport.Tally(0.5, 1.0, 1, 3, 0), r.tally());
        assertEquals(tree(OLD_REPORT), Json.MAPPER.readTree(Json.bytes(r)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String s) throws Exception {
        return Json.MAPPER.readTree(s);
    }
}
