package io.genieenhancer.functions;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.evaluation.EvaluationConfig;
import io.genieenhancer.evaluation.EvaluationTestKit;
import io.genieenhancer.evaluation.Judge;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The evaluation functions' input binding, output shapes and error contract, over the real service with
 * scripted Databricks ports. The outputs are serialised the way Funqy does (ISO instants, nulls omitted)
 * and fed back as the next step's input, as the state machine will.
 */
class EvaluationFunctionsTest {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @TempDir
    Path dir;

    EvaluationTestKit kit;
    EvaluationFunctions functions;

    @BeforeEach
    void setUp() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(EvaluationConfig.class)
                // Quarkus' converter, so "8s" reads as in the application
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .build();
        kit = new EvaluationTestKit(dir);
        functions = new EvaluationFunctions();
        functions.config = config.getConfigMapping(EvaluationConfig.class);
        functions.evaluations = kit.service(functions.config.settings().withEvaluator(io.genieenhancer.evaluation.EvaluatorMode.SELF_RUN));
    }

    static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    static JsonNode asJson(Object output) {
        return JSON.valueToTree(output);
    }

    @Test
    void the_default_configuration_is_the_documented_one() {
        assertEquals(1, functions.config.repeats());
        assertEquals(5.0, functions.config.questionsPerMinute());
        assertEquals(1.0, functions.config.judge().tolerance());
        assertEquals(0.2, functions.config.judge().alpha());
        assertEquals(java.time.Duration.ofSeconds(8), functions.config.pollBudget());
        assertTrue(functions.config.warehouseId().isEmpty());
    }

    @Test
    void a_self_run_evaluation_runs_start_to_finish_through_the_functions_outputs() throws Exception {
        kit.answersCorrectly();

        JsonNode started = asJson(functions.startEvaluation(json(
                "{\"spaceId\":\"space1\",\"runId\":\"run1\",\"iteration\":0}")));
        assertEquals("SELF_RUN", started.path("handle").path("mode").asText());
        assertEquals(1, started.path("total").asInt());
        assertFalse(started.has("retry"));
        JsonNode item = started.path("questionItems").get(0);
        assertEquals(EvaluationTestKit.Q1, item.path("questionId").asText());
        assertTrue(item.path("notBefore").isTextual(), "instants travel as ISO strings: " + item);

        JsonNode answered = asJson(functions.evaluateQuestion(item));
        assertEquals("CORRECT", answered.path("status").asText());
        assertTrue(answered.path("done").asBoolean());

        JsonNode poll = asJson(functions.pollEvaluation(JSON.createObjectNode().put("spaceId", "space1").put("runId", "run1")
                .put("iteration", 0).set("handle", started.path("handle"))));
        assertTrue(poll.path("done").asBoolean());
        assertEquals(1.0, poll.path("score").asDouble());
        assertEquals("spaces/space1/runs/run1/iteration-0/evaluation.json", poll.path("evaluationKey").asText());
    }

    @Test
    void a_rate_limited_question_returns_retry_advice_instead_of_failing() throws Exception {
        kit.rateLimitedOnce(9);
        JsonNode started = asJson(functions.startEvaluation(json("{\"spaceId\":\"space1\",\"runId\":\"run1\",\"iteration\":0}")));

        JsonNode answered = asJson(functions.evaluateQuestion(started.path("questionItems").get(0)));

        assertEquals("PENDING", answered.path("status").asText());
        assertEquals("RateLimited", answered.path("retry").path("error").asText());
        assertEquals(9, answered.path("retry").path("retryAfterSeconds").asInt());
    }

    @Test
    void invalid_input_never_reaches_databricks_and_names_the_field() {
        EnhancerException unknown = assertThrows(EnhancerException.class, () -> functions.startEvaluation(json(
                "{\"spaceId\":\"space1\",\"runId\":\"run1\",\"iteration\":0,\"repeat\":2}")));
        EnhancerException missing = assertThrows(EnhancerException.class, () -> functions.startEvaluation(json(
                "{\"spaceId\":\"space1\",\"runId\":\"run1\"}")));
        EnhancerException badMode = assertThrows(EnhancerException.class, () -> functions.startEvaluation(json(
                "{\"spaceId\":\"space1\",\"runId\":\"run1\",\"iteration\":0,\"evaluator\":\"SOMETIMES\"}")));
        EnhancerException noHandle = assertThrows(EnhancerException.class, () -> functions.pollEvaluation(json(
                "{\"spaceId\":\"space1\",\"runId\":\"run1\",\"iteration\":0}")));

        assertTrue(unknown.getMessage().startsWith("[InvalidInput] unknown field \"repeat\""), unknown.getMessage());
        assertTrue(missing.getMessage().contains("iteration"), missing.getMessage());
        assertTrue(badMode.getMessage().contains("evaluator"), badMode.getMessage());
        assertTrue(noHandle.getMessage().contains("handle"), noHandle.getMessage());
        assertEquals(0, kit.spaceReads());
    }

    @Test
    void the_judge_reads_two_iterations_and_answers_with_the_verdict_and_the_changed_questions() throws Exception {
        kit.storeIterations(new boolean[] {true, true, false, false}, new boolean[] {true, true, true, true});

        JsonNode out = asJson(functions.judge(json("{\"spaceId\":\"space1\",\"runId\":\"run1\",\"iteration\":1,"
                + "\"previousIteration\":0,\"targetScore\":0.95,\"tolerance\":0.5,\"alpha\":0.3}")));

        assertEquals(Judge.Verdict.TARGET_MET.name(), out.path("verdict").asText());
        assertEquals(1.0, out.path("score").asDouble());
        assertEquals(0.5, out.path("previousScore").asDouble());
        assertEquals(0.5, out.path("baselineScore").asDouble());
        assertEquals(2, out.path("changed").path("improved").size());
    }

    @Test
    void a_target_outside_zero_to_one_is_invalid_input() {
        EnhancerException e = assertThrows(EnhancerException.class, () -> functions.judge(json(
                "{\"spaceId\":\"space1\",\"runId\":\"run1\",\"iteration\":1,\"previousIteration\":0,\"targetScore\":90}")));

        assertEquals(ErrorCode.InvalidInput, e.code());
    }
}
