package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenarios converted from defog sql-eval load, keep the same benchmarks in space.json and ideal.json, and
 * score with the sandbox Genie exactly what their README records (baseline: the bare space; ceiling: ideal.json).
 * Run with {@code -Ddefog.print=true} to print each failing question.
 */
class DefogScenariosTest {

    private static final Pattern FIGURE = Pattern.compile("(?m)^(Baseline|Ceiling): \\*\\*(\\d+) / (\\d+)\\*\\*$");

    @ParameterizedTest
    @ValueSource(strings = {"car_dealership", "derm_treatment", "ewallet"})
    void baselineAndCeilingAreTheFiguresTheReadmeRecords(String name) throws IOException {
        try (ScenarioScores s = new ScenarioScores(name)) {
            SpaceConfig bare = s.scenario.space();
            SpaceConfig ideal = SpaceJson.parse(Files.readString(ScenarioLoader.locate(name).resolve("ideal.json")));
            assertEquals(bare.benchmarks(), ideal.benchmarks(), "ideal.json must carry the same benchmarks");
            assertTrue(bare.instructions().textInstructions().isEmpty() && bare.instructions().joinSpecs().isEmpty()
                    && bare.instructions().sqlSnippets().size() == 0 && bare.instructions().exampleQuestionSqls().isEmpty(),
                    "space.json is the bare space");
            assertTrue(bare.dataSources().tables().stream().allMatch(t -> t.description().isEmpty()
                    && t.columnConfigs().stream().allMatch(c -> c.description().isEmpty() && c.synonyms().isEmpty())));

            int n = bare.benchmarks().questions().size();
            int baseline = correct(s, bare, name + " baseline");
            int ceiling = correct(s, ideal, name + " ceiling");
            String readme = s.scenario.readme();
            Matcher m = FIGURE.matcher(readme);
            int found = 0;
            while (m.find()) {
                found++;
                int expected = m.group(1).equals("Baseline") ? baseline : ceiling;
                assertEquals(m.group(1) + ": **" + expected + " / " + n + "**", m.group(), name + " README.md");
            }
            assertEquals(2, found, name + " README.md must state Baseline and Ceiling, measured: "
                    + baseline + " / " + n + ", " + ceiling + " / " + n);
        }
    }

    private static String genieSql(BenchmarkJudge.Outcome o) {
        return o.answer() instanceof io.genieenhancer.sandbox.genie.SandboxGenie.SqlAnswer a ? a.sql() : "(asks back)";
    }

    private static int correct(ScenarioScores s, SpaceConfig space, String label) {
        List<BenchmarkJudge.Outcome> outcomes = s.outcomes(space);
        if (Boolean.getBoolean("defog.print")) {
            outcomes.stream().filter(o -> !o.verdict().good()).forEach(o -> System.out.println(label + " FAIL: "
                    + o.question().questionText() + "\n    genie: " + genieSql(o)));
        }
        return (int) outcomes.stream().filter(o -> o.verdict().good()).count();
    }
}
