package io.genieenhancer.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The effectiveness table of the rule-based analyser alone on every bundled scenario: baseline and the score after
 * each of at most three iterations (the in-process loop of {@link RuleLoopOnSandboxTest}). Prints the table; fails
 * only when an iteration lowers a scenario's score below its baseline.
 */
class RuleLoopTableTest {

    static final List<String> SCENARIOS = List.of("retail", "regress", "car_dealership", "derm_treatment", "ewallet");

    @Test
    void printsTheEffectivenessTableAndNoScenarioEndsBelowItsBaseline() {
        StringBuilder table = new StringBuilder("\n| scenario | baseline | per evaluation | fixes applied | time |\n|---|---|---|---|---|\n");
        for (String name : SCENARIOS) {
            long start = System.nanoTime();
            RuleLoopOnSandboxTest.LoopRun run = RuleLoopOnSandboxTest.loop(name);
            List<Double> s = run.scores();
            table.append("| ").append(name).append(" | ").append(pct(s.get(0))).append(" | ")
                    .append(String.join(" → ", s.stream().map(RuleLoopTableTest::pct).toList())).append(" | ")
                    .append(run.fixesApplied()).append(" | ").append((System.nanoTime() - start) / 1_000_000).append(" ms |\n");
            assertTrue(s.get(s.size() - 1) >= s.get(0), name + " ends below its baseline: " + s);
        }
        System.out.println(table);
    }

    private static String pct(double d) {
        return String.format(java.util.Locale.ROOT, "%.1f %%", 100 * d);
    }
}
