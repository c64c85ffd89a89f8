package io.genieenhancer.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.genieenhancer.analysis.AnalysisResult;
import io.genieenhancer.analysis.LlmFailureAnalyzer;
import io.genieenhancer.analysis.Retail;
import io.genieenhancer.testing.LlmWireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * With no LLM base URL but a Databricks workspace, the analyser calls the workspace's model serving endpoints
 * ({@code /serving-endpoints/chat/completions}, model = endpoint name) with the workspace's own credentials.
 */
@QuarkusTest
@QuarkusTestResource(value = LlmWireMock.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = "mode", value = "databricks"))
class DatabricksServingEndpointTest {

    @Inject
    LlmFailureAnalyzer analyzer;

    @Test
    void theWorkspacesServingEndpointIsCalledWithTheWorkspaceToken() {
        LlmWireMock.server().stubFor(post(urlEqualTo("/serving-endpoints/chat/completions")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(LlmEndpointHttpTest.completion(Retail.reply(Retail.Q_REVENUE_BY_STATE, "[" + Retail.SYNONYM_FIX + "]"),
                        "stop"))));

        assertTrue(analyzer.enabled());
        AnalysisResult result = analyzer.analyze(Retail.space(), List.of(Retail.revenueByState()));

        assertEquals(1, result.fixes().size());
        LlmWireMock.server().verify(1, postRequestedFor(urlEqualTo("/serving-endpoints/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + LlmWireMock.DATABRICKS_TOKEN))
                .withRequestBody(matchingJsonPath("$.model", equalTo(LlmWireMock.SERVING_ENDPOINT))));
    }
}
