package io.genieenhancer.sandbox;

import com.databricks.sdk.service.dashboards.GenieEvalRunResponse;
import com.databricks.sdk.service.dashboards.GenieMessage;
import com.databricks.sdk.service.dashboards.GenieStartConversationResponse;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The knobs: defaults, configuration by property or environment name, rate limit and seeded slips. */
class SandboxKnobsTest {

    static final String FILTERED = "How many products are in the Electronics category?";

    @Test
    void defaultsAreDocumentedValues() {
        Knobs d = Knobs.defaults();
        assertEquals(Duration.ofSeconds(5), d.reindexDelay());
        assertEquals(Duration.ofSeconds(15), d.entityMatchingReindexDelay());
        assertEquals(Duration.ofMillis(200), d.genieLatency());
        assertEquals(0, d.rateLimitPerMinute());
        assertEquals(0.0, d.flipRate());
        assertEquals(42L, d.seed());
    }

    @Test
    void knobsAreReadFromPropertiesWithDefaultsForTheRest() {
        Knobs k = Knobs.from(Map.of(Knobs.REINDEX_DELAY, "30", Knobs.GENIE_LATENCY, "1500", Knobs.RATE_LIMIT, "5",
                Knobs.FLIP_RATE, "0.1", Knobs.SEED, "7"));
        assertEquals(Duration.ofSeconds(30), k.reindexDelay());
        assertEquals(Duration.ofMillis(1500), k.genieLatency());
        assertEquals(5, k.rateLimitPerMinute());
        assertEquals(0.1, k.flipRate());
        assertEquals(7L, k.seed());
        assertEquals(Duration.ofSeconds(15), k.entityMatchingReindexDelay());
        assertEquals("SANDBOX_REINDEX_ENTITY_MATCHING_DELAY_SECONDS", Knobs.envName(Knobs.ENTITY_MATCHING_REINDEX_DELAY));
    }

    @Test
    void anInvalidKnobIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Knobs.from(Map.of(Knobs.FLIP_RATE, "lots")));
        assertTrue(e.getMessage().contains(Knobs.FLIP_RATE));
        assertThrows(IllegalArgumentException.class, () -> Knobs.from(Map.of(Knobs.FLIP_RATE, "1.5")));
        assertThrows(IllegalArgumentException.class, () -> Knobs.from(Map.of(Knobs.RATE_LIMIT, "-1")));
    }

    @Test
    void questionsBeyondTheRateLimitGet429WithRetryAfterUntilTheMinuteHasPassed() {
        ManualClock clock = ManualClock.startingAt("2026-11-26T10:00:00Z");
        try (SandboxWorkspace ws = SandboxWorkspace.start("regress", Knobs.instant().withRateLimitPerMinute(5), clock)) {
            Api api = new Api(ws.url(), ws.token());
            String start = "/api/2.0/genie/spaces/" + ws.spaceId() + "/start-conversation";
            for (int i = 0; i < 5; i++) {
                assertEquals(200, api.post(start, Map.of("content", "How many refunds were there?")).status());
                clock.advance(Duration.ofSeconds(10));
            }
            Api.Reply refused = api.post(start, Map.of("content", "How many refunds were there?"));
            assertEquals(429, refused.status());
            assertEquals("RESOURCE_EXHAUSTED", refused.errorCode());
            assertEquals("11", refused.retryAfter().orElseThrow(), "the first question leaves the window 10 s later");
            clock.advance(Duration.ofSeconds(11));
            assertEquals(200, api.post(start, Map.of("content", "How many refunds were there?")).status());
            // eval runs are not rate limited (not known for the real API; documented)
            assertEquals(200, api.post("/api/2.0/genie/spaces/" + ws.spaceId() + "/eval-runs", Map.of()).status());
        }
    }

    @Test
    void withFlipRateOneEveryAnswerSlipsAndAFilteredQuestionTurnsWrong() {
        try (SandboxWorkspace ws = SandboxWorkspace.start("retail", Knobs.instant().withFlips(1.0, 42))) {
            String sql = askSql(ws, FILTERED);
            assertTrue(!sql.contains("Electronics"), sql);
        }
        try (SandboxWorkspace ws = SandboxWorkspace.start("retail", Knobs.instant())) {
            assertTrue(askSql(ws, FILTERED).contains("'Electronics'"));
        }
    }

    @Test
    void slipsAreSeededSameSeedSameSequenceOtherSeedOtherSequence() {
        List<Boolean> a = slips(7);
        List<Boolean> b = slips(7);
        List<Boolean> c = slips(8);
        assertEquals(a, b);
        assertNotEquals(a, c);
        long slipped = a.stream().filter(x -> x).count();
        assertTrue(slipped > 3 && slipped < 17, "about half of 20 asks slip at rate 0.5, got " + slipped);
    }

    @Test
    void slipsShowUpInEvalRunsAsFlakyResults() {
        ManualClock clock = ManualClock.startingAt("2026-11-26T10:00:00Z");
        try (SandboxWorkspace ws = SandboxWorkspace.start("retail", Knobs.instant().withFlips(0.5, 3), clock)) {
            Api api = new Api(ws.url(), ws.token());
            String runs = "/api/2.0/genie/spaces/" + ws.spaceId() + "/eval-runs";
            List<Long> correct = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                correct.add(api.post(runs, Map.of()).as(GenieEvalRunResponse.class).getNumCorrect());
            }
            assertTrue(correct.stream().distinct().count() > 1, "repeated runs differ: " + correct);
            assertTrue(correct.stream().allMatch(n -> n < 16), "slips only turn right answers wrong: " + correct);
        }
    }

    private static List<Boolean> slips(long seed) {
        List<Boolean> out = new ArrayList<>();
        try (SandboxWorkspace ws = SandboxWorkspace.start("retail", Knobs.instant().withFlips(0.5, seed))) {
            for (int i = 0; i < 20; i++) {
                out.add(!askSql(ws, FILTERED).contains("Electronics"));
            }
        }
        return out;
    }

    private static String askSql(SandboxWorkspace ws, String question) {
        Api api = new Api(ws.url(), ws.token());
        String space = "/api/2.0/genie/spaces/" + ws.spaceId();
        GenieStartConversationResponse s = api.post(space + "/start-conversation", Map.of("content", question))
                .as(GenieStartConversationResponse.class);
        GenieMessage m = api.get(space + "/conversations/" + s.getConversationId() + "/messages/" + s.getMessageId()).as(GenieMessage.class);
        return m.getAttachments().iterator().next().getQuery().getQuery();
    }
}
