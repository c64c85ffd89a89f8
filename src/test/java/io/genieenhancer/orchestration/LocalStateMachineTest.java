package io.genieenhancer.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.local.FunctionHost;
import io.genieenhancer.local.LocalStateMachine;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.error.RetryAdvice;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The bridge from Java to the real state machine definition: {@link FunctionHost} answers like Lambda
 * running Funqy, {@link LocalStateMachine} runs terraform/statemachine on aws-local-stepfunctions. The
 * functions here are small doubles built on the real error contract classes (EnhancerException,
 * RetryAdvice); wiring the real function beans in is the same calls with other lambdas.
 */
class LocalStateMachineTest {

    private static final String SPACE = "01f0c0ffee0000000000000000000001";

    @Test
    void aThrownEnhancerExceptionFailsTheExecutionUnderItsErrorCode() throws Exception {
        try (FunctionHost host = new FunctionHost()) {
            host.register("acquireLock", event -> {
                throw new EnhancerException(ErrorCode.LockHeld, "space " + SPACE + " is locked by run other-run");
            });

            LocalStateMachine.Execution run = new LocalStateMachine().run(host, "java-locked", Map.of("spaceId", SPACE));

            assertEquals(Optional.of("LockHeld"), run.error());
            assertTrue(run.cause().contains("[LockHeld] space " + SPACE + " is locked by run other-run"), run.cause());
            assertEquals(List.of("acquireLock"), host.calls().stream().map(FunctionHost.Call::function).toList());
        }
    }

    @Test
    void aReturnedRetryAdviceIsWaitedOutAndTheRunCompletes() throws Exception {
        Map<Integer, Double> scoreOfIteration = Map.of(0, 0.5, 1, 0.95);
        AtomicInteger polls = new AtomicInteger();
        try (FunctionHost host = new FunctionHost()) {
            host.register("acquireLock", e -> Map.of("spaceId", SPACE, "runId", text(e, "runId"), "acquired", true, "expiresAt", "2026-11-26T18:00:00Z"))
                    .register("startEvaluation", e -> Map.of("handle", Map.of("mode", "EVAL_RUNS", "evalRunId", "run-" + e.get("iteration").asInt()),
                            "questionItems", List.of(), "total", 20))
                    .register("pollEvaluation", e -> {
                        if (polls.incrementAndGet() == 1) {
                            return Map.of("retry", RetryAdvice.from(new EnhancerException(ErrorCode.RateLimited, "429 from Genie", 3, null)));
                        }
                        int iteration = e.get("iteration").asInt();
                        return Map.of("done", true, "completed", 20, "total", 20, "score", scoreOfIteration.get(iteration),
                                "evaluationKey", "spaces/" + SPACE + "/runs/" + text(e, "runId") + "/iteration-" + iteration + "/evaluation.json");
                    })
                    .register("enhance", e -> Map.of("status", "APPLIED", "fixesApplied", 4, "fixesProposed", 4, "byType", Map.of(),
                            "snapshotKey", "k", "fixLogKey", "k", "entityMatchingChanged", false, "indexingWaitSeconds", 90))
                    .register("judge", e -> Map.of("verdict", "TARGET_MET", "score", 0.95, "previousScore", 0.5, "baselineScore", 0.5, "changed", Map.of()))
                    .register("finish", e -> {
                        Map<String, Object> summary = new HashMap<>();
                        summary.put("reportKey", "spaces/" + SPACE + "/runs/" + text(e, "runId") + "/report.json");
                        return summary;
                    });

            LocalStateMachine.Execution run = new LocalStateMachine().run(host, "java-run",
                    Map.of("spaceId", SPACE, "maxIterations", 2, "targetScore", 0.9));

            assertTrue(run.succeeded(), run.error() + ": " + run.cause());
            assertEquals("TARGET_MET", run.output().get("outcome").asText());
            assertEquals(0.5, run.output().get("baselineScore").asDouble());
            assertEquals(0.95, run.output().get("finalScore").asDouble());
            assertEquals(4, run.output().get("fixesApplied").asInt());
            assertEquals("spaces/" + SPACE + "/runs/java-run/report.json", run.output().get("reportKey").asText());
            assertTrue(run.trace().contains("PollEvaluationBackoff"), "the RetryAdvice record is what the definition waits on");
            JsonNode enhance = host.payloadsOf("enhance").get(0);
            assertEquals("spaces/" + SPACE + "/runs/java-run/iteration-0/evaluation.json", enhance.get("evaluationKey").asText());
            assertEquals("BATCH_ALL", enhance.get("strategy").asText());
            JsonNode finish = host.payloadsOf("finish").get(0);
            assertEquals("TARGET_MET", finish.get("outcome").asText());
        }
    }

    private static String text(JsonNode event, String field) {
        return event.get(field).asText();
    }
}
