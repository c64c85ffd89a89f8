package io.genieenhancer.analysis;

import io.genieenhancer.evaluation.AssessmentReason;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A small retail space and failures against it, shared by the analysis tests. */
public final class Retail {

    public static final String Q_REVENUE_BY_STATE = "01f0a1b2c3d4e5f60718293a4b5c6d87";
    public static final String Q_CALIFORNIA = "01f0a1b2c3d4e5f60718293a4b5c6d88";

    private Retail() {
    }

    public static SpaceConfig space() {
        try (InputStream in = Retail.class.getResourceAsStream("/analysis/retail-space.json")) {
            return SpaceJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static FailureEvidence revenueByState() {
        return FailureEvidence.of(Q_REVENUE_BY_STATE, "What is the total revenue per state?",
                "SELECT c.state, SUM(o.order_amount) FROM main.retail.orders o JOIN main.retail.customers c "
                        + "ON o.customer_id = c.customer_id GROUP BY c.state",
                "SELECT c.state, COUNT(*) FROM main.retail.orders o JOIN main.retail.customers c "
                        + "ON o.customer_id = c.customer_id GROUP BY c.state",
                List.of(AssessmentReason.LLM_JUDGE_INCORRECT_METRIC_CALCULATION));
    }

    public static FailureEvidence california() {
        return FailureEvidence.of(Q_CALIFORNIA, "How much revenue came from California?",
                "SELECT SUM(o.order_amount) FROM main.retail.orders o JOIN main.retail.customers c "
                        + "ON o.customer_id = c.customer_id WHERE c.state = 'CA'",
                "SELECT SUM(o.order_amount) FROM main.retail.orders o JOIN main.retail.customers c "
                        + "ON o.customer_id = c.customer_id WHERE c.state = 'California'",
                List.of(AssessmentReason.EMPTY_RESULT, AssessmentReason.LLM_JUDGE_MISSING_OR_INCORRECT_FILTER));
    }

    /** {@code n} distinct failures (ids q0..q{n-1}) about orders, for batching tests. */
    public static List<FailureEvidence> manyFailures(int n) {
        return java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> FailureEvidence.of("q" + i, "Question number " + i + " about revenue",
                        "SELECT SUM(order_amount) FROM main.retail.orders WHERE order_id > " + i,
                        "SELECT COUNT(*) FROM main.retail.orders", List.of(AssessmentReason.SINGLE_CELL_DIFFERENCE)))
                .toList();
    }

    /** A reply following FixSchema with one analysis per question id and the given fixes JSON for the first. */
    public static String reply(String questionId, String fixesJson) {
        return "{\"analyses\":[{\"question_id\":\"" + questionId + "\",\"diagnosis\":\"The question says revenue; "
                + "nothing maps revenue to order_amount.\",\"fixes\":" + fixesJson + "}]}";
    }

    public static final String SYNONYM_FIX = "{\"type\":\"add_synonym\",\"table\":\"main.retail.orders\",\"column\":\"order_amount\","
            + "\"synonym\":\"revenue\",\"reasoning\":\"The question says revenue, the expected SQL sums order_amount.\","
            + "\"confidence\":\"high\"}";
}
