package io.genieenhancer.local;

import io.genieenhancer.report.RunReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Genie's rate limit: the sandbox answers 429 (with Retry-After) beyond 4 questions a minute while the
 * evaluator, configured too eagerly here, asks all 8 at once. The 429s come back to the state machine as
 * retry advice, it waits as advised and asks again: the evaluation completes, nothing fails. (Takes about
 * a minute: the sandbox's window is a real minute.)
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxTestWorkspace.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "scenario", value = "regress"), @ResourceArg(name = "rateLimitPerMinute", value = "4"),
        @ResourceArg(name = "questionsPerMinute", value = "600")})
class RateLimitRunTest {

    @Test
    void rateLimitedQuestionsAreRetriedAfterTheAdvisedWaitNotFailed() throws Exception {
        LocalRun.Outcome o = LocalRunSupport.run(LocalRunSupport.options(0, 1.0).withRealWaits(true));

        assertTrue(o.succeeded(), () -> o.execution().error().orElse("") + " " + o.execution().cause());
        // depending on timing a 429 comes back from evaluateQuestion as retry advice (the state machine waits and
        // retries) or is met by pollEvaluation finishing the attempt later (the poll loop waits): never a failure
        assertTrue(SandboxTestWorkspace.workspace().state().refusedQuestions() >= 1, "the sandbox refused questions with 429");
        assertTrue(o.calls().stream().noneMatch(c -> c.error() != null), "no function failed");
        RunReport r = o.report().orElseThrow();
        assertEquals(8, r.rows().get(0).scorable(), "every question was scored in the end");
        assertEquals(0.75, r.tally().baselineScore(), 1e-9);
    }
}
