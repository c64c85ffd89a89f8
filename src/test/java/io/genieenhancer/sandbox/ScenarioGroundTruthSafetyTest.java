package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.sql.SafeSql;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bundled benchmark's ground truth passes the product's read-only check, so the self-run evaluator
 * scores it instead of refusing it as unsafe (a refused answer would silently shrink a scenario).
 */
class ScenarioGroundTruthSafetyTest {

    @Test
    void everyBundledGroundTruthIsOneReadOnlyQueryWithAllowedFunctions() {
        List<String> names = ScenarioLoader.bundledNames();
        assertTrue(names.size() >= 2, names.toString());
        List<String> refused = new ArrayList<>();
        for (String name : names) {
            for (SpaceConfig.BenchmarkQuestion q : ScenarioLoader.read(ScenarioLoader.locate(name)).space().benchmarks().questions()) {
                List<String> problems = SafeSql.readOnlyQueryProblems(q.groundTruthSql().orElse(""));
                if (!problems.isEmpty()) {
                    refused.add(name + ": " + q.questionText() + " -> " + problems);
                }
            }
        }
        assertEquals(List.of(), refused);
    }
}
