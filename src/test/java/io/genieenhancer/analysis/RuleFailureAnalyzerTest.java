package io.genieenhancer.analysis;

import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixEngine;
import io.genieenhancer.fix.FixPlan;
import io.genieenhancer.fix.FixPolicy;
import io.genieenhancer.fix.FixSource;
import io.genieenhancer.fix.FixVerdict;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuleFailureAnalyzerTest {

    static final FailureEvidence TURNOVER = ShopSpace.failure("q1", "What is the total turnover?",
            "SELECT SUM(amt_usd) AS turnover FROM main.shop.sales", "SELECT SUM(sales.qty) FROM main.shop.sales");

    static RuleFailureAnalyzer withRules(boolean enabled) {
        RuleFailureAnalyzer a = new RuleFailureAnalyzer();
        a.config = new AnalysisConfig() {
            @Override
            public String minConfidence() {
                return "MEDIUM";
            }

            @Override
            public Rule rule() {
                return () -> enabled;
            }
        };
        return a;
    }

    @Test
    void theRuleAnalyserRunsUnlessSwitchedOffAndIsNamedSoThatItRunsBeforeTheLlm() {
        assertEquals("rule", withRules(true).name());
        assertTrue(withRules(true).name().compareTo("llm") > 0, "the cycle sorts analysers by name, descending");
        assertEquals(1, ShopSpace.only(withRules(true).analyze(ShopSpace.space(), List.of(TURNOVER)), Fix.AddSynonym.class).size());
        assertEquals(List.of(), withRules(false).analyze(ShopSpace.space(), List.of(TURNOVER)).fixes());
    }

    @Test
    void aFixBothTheRulesAndTheLlmProposeIsOneFixWithBothReasons() {
        AnalysisResult rules = withRules(true).analyze(ShopSpace.space(), List.of(TURNOVER));
        String reply = """
                {"analyses": [{"question_id": "q1", "diagnosis": "turnover is the sale amount",
                  "fixes": [{"type": "add_synonym", "table": "main.shop.sales", "column": "amt_usd", "synonym": "Turnover",
                             "reasoning": "the question says turnover", "confidence": "medium"}]}]}""";
        LlmReplyReader.Read llm = LlmReplyReader.read(reply, false, List.of("q1"), Confidence.MEDIUM);
        List<Fix> all = new ArrayList<>(ShopSpace.only(rules, Fix.AddSynonym.class));
        all.addAll(llm.fixes());
        FixPlan plan = FixEngine.plan(ShopSpace.space(), all, FixPolicy.defaults(ShopSpace.space()).withMinConfidence(Confidence.MEDIUM));
        assertEquals(1, plan.verdicts().size(), plan.verdicts().toString());
        FixVerdict v = plan.verdicts().get(0);
        assertEquals(2, v.proposals());
        assertEquals(FixSource.RULE, v.fix().meta().source(), "the more confident proposal represents the fix");
        assertTrue(v.fix().meta().reasoning().stream().anyMatch(r -> r.contains("the question says turnover")));
        assertTrue(v.valid(), v.problems().toString());
    }
}
