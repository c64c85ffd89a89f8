package io.genieenhancer.local;

import io.genieenhancer.report.RunReport;
import io.genieenhancer.sandbox.WorkspaceState;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sandbox applies an update only after its re-index delay (6 s here). Skipping the state machine's
 * Wait measures the old configuration (a stale score); honouring it measures the new one. This is what
 * the {@code WaitForIndexing} state and the {@code indexingWaitSeconds} that {@code enhance} returns are for.
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxTestWorkspace.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "scenario", value = "retail"), @ResourceArg(name = "reindexDelaySeconds", value = "6")})
class ReindexDelayRunTest {

    @Test
    void theStateMachineWaitsForReindexingAndSkippingTheWaitShowsAStaleScore() throws Exception {
        String original = LocalRunSupport.currentSerialized();
        LocalRun.Outcome stale = LocalRunSupport.run(LocalRunSupport.options(1, 0.9));
        assertTrue(stale.succeeded(), () -> stale.execution().cause());
        RunReport s = stale.report().orElseThrow();
        assertEquals(s.tally().baselineScore(), s.rows().get(1).score(), 1e-9,
                "without the wait, iteration 1 is measured on the old config");
        assertEquals(7, s.rows().get(1).indexingWaitSeconds(), "enhance asked for the re-index delay plus a margin");

        // back to the original config, and let the sandbox pick that up before the next run
        var ws = SandboxTestWorkspace.workspace();
        ws.state().update(ws.spaceId(), new WorkspaceState.SpaceUpdate(Optional.of(original), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        Thread.sleep(6_500);

        LocalRun.Outcome waited = LocalRunSupport.run(LocalRunSupport.options(1, 0.9).withRealWaits(true));
        assertTrue(waited.succeeded(), () -> waited.execution().cause());
        RunReport w = waited.report().orElseThrow();
        assertTrue(w.tally().baselineScore() <= 0.5, "the restored config was measured: " + w.tally().baselineScore());
        assertTrue(w.rows().get(1).score() >= 0.9, "with the wait, the new config is measured: " + w.rows().get(1).score());
        assertEquals("TARGET_MET", waited.execution().output().path("outcome").asText());
    }
}
