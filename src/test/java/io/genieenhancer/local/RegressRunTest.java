package io.genieenhancer.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;

import io.genieenhancer.json.Json;
import io.genieenhancer.report.RunReport;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A batch that breaks other questions is rolled back: the LLM (WireMock speaking the OpenAI protocol)
 * proposes the naive fix of the "regress" scenario — the word "sales" as a synonym of refunds.amount —
 * next to the rule analyser's fixes. Both are applied in one update, the judge says REGRESSED, the state
 * machine rolls back, and the space holds its original configuration byte for byte.
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxTestWorkspace.class, restrictToAnnotatedClass = true, initArgs = {
        @ResourceArg(name = "scenario", value = "regress"), @ResourceArg(name = "llm", value = "wiremock")})
class RegressRunTest {

    static final String NAIVE = "{\"type\":\"add_synonym\",\"table\":\"main.shop.refunds\",\"column\":\"amount\","
            + "\"synonym\":\"sales\",\"reasoning\":\"The question says refunded sales; the expected SQL sums refunds.amount.\","
            + "\"confidence\":\"high\"}";

    static String completion(String content) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("model", "test-model");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 1200).put("completion_tokens", 80).put("total_tokens", 1280);
        return root.toString();
    }

    @Test
    void aRegressingBatchIsRolledBackAndTheOriginalConfigIsRestoredExactly() throws Exception {
        WireMockServer llm = SandboxTestWorkspace.llm();
        String reply = "{\"analyses\":[{\"question_id\":\"01f0c0de000200000000000000000007\",\"diagnosis\":\"sales is "
                + "read as orders.sales_amount\",\"fixes\":[" + NAIVE + "]},{\"question_id\":\"01f0c0de000200000000000000000008\","
                + "\"diagnosis\":\"same\",\"fixes\":[" + NAIVE + "]}]}";
        llm.stubFor(post(urlPathEqualTo("/v1/chat/completions")).willReturn(okJson(completion(reply))));
        String original = LocalRunSupport.currentSerialized();

        LocalRun.Outcome o = LocalRunSupport.run(LocalRunSupport.options(3, 1.0));

        assertTrue(o.succeeded(), () -> o.execution().cause());
        assertEquals("ROLLED_BACK", o.execution().output().path("outcome").asText());
        assertEquals(original, LocalRunSupport.currentSerialized(), "rolled back to the exact original config");
        RunReport report = o.report().orElseThrow();
        assertEquals(0.75, report.tally().baselineScore(), 1e-9);
        assertEquals(0.75, report.tally().finalScore(), 1e-9, "the final score is never below the baseline");
        assertTrue(report.rows().stream().anyMatch(r -> r.rolledBack() && "REGRESSED".equals(r.verdict())));
        assertTrue(report.fixes().stream().anyMatch(f -> f.rolledBack() && f.value().equals("sales")
                && f.source().equals("LLM")), "the LLM's fix is in the report, marked rolled back");
        assertTrue(llm.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))).size() >= 1);
    }
}
