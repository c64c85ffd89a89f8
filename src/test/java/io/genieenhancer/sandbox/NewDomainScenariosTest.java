package io.genieenhancer.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.BenchmarkQuestion;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenarios in domains the analyser was not tuned on (people analytics, logistics) load, are as large as
 * their brief says, state the baseline and ceiling the sandbox Genie really reaches, and carry a reworded copy
 * of every benchmark question for judging a final space on wording it never saw.
 */
class NewDomainScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** One warehouse per scenario for the whole class: loading one takes seconds. */
    private static final Map<String, ScenarioScores> LOADED = new ConcurrentHashMap<>();
    private static final Pattern BASELINE = Pattern.compile("(?m)^Baseline: \\*\\*(\\d+) / (\\d+)\\*\\*");
    private static final Pattern CEILING = Pattern.compile("(?m)^Ceiling: \\*\\*(\\d+) / (\\d+)\\*\\*");

    @ParameterizedTest
    @ValueSource(strings = {"hr", "logistics"})
    void loadsWithFiveToSevenTablesThirtyToFortyBenchmarksAndGroundTruthThatReturnsRows(String name) {
        ScenarioScores s = scores(name);
        int tables = s.scenario.space().dataSources().tables().size();
        int benchmarks = s.scenario.space().benchmarks().questions().size();
        assertTrue(tables >= 5 && tables <= 7, name + ": " + tables + " tables");
        assertTrue(benchmarks >= 30 && benchmarks <= 40, name + ": " + benchmarks + " benchmarks");
        assertTrue(s.scenario.today().isPresent(), name + " asks relative-date questions, so it needs a snapshot date");
        for (BenchmarkJudge.Outcome o : s.outcomes(s.scenario.space())) {
            assertTrue(o.expected().isPresent() && !o.expected().get().rows().isEmpty(),
                    name + ": ground truth of \"" + o.question().questionText() + "\" returns no rows");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hr", "logistics"})
    void readmeStatesTheMeasuredBaselineAndCeilingAndTheIdealKnowledgeRaisesTheScore(String name) {
        ScenarioScores s = scores(name);
        String readme = s.scenario.readme();
        int n = s.scenario.space().benchmarks().questions().size();
        long baseline = correct(s, s.scenario.space());
        long ceiling = correct(s, ideal(s, name));
        assertEquals(List.of(baseline, (long) n), figure(readme, BASELINE, name + " README baseline"), name + ": measured baseline");
        assertEquals(List.of(ceiling, (long) n), figure(readme, CEILING, name + " README ceiling"), name + ": measured ceiling");
        assertTrue(ceiling > baseline, name + ": ideal knowledge " + ceiling + " <= bare " + baseline);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hr", "logistics"})
    void idealIsTheSameSpaceWithTheSameBenchmarksAndNoBenchmarkCopiedIntoExampleSql(String name) {
        ScenarioScores s = scores(name);
        SpaceConfig bare = s.scenario.space();
        SpaceConfig ideal = ideal(s, name);
        assertEquals(bare.benchmarks(), ideal.benchmarks());
        assertEquals(bare.dataSources().tables().stream().map(SpaceConfig.Table::identifier).toList(),
                ideal.dataSources().tables().stream().map(SpaceConfig.Table::identifier).toList());
        Set<String> answers = new HashSet<>();
        Set<String> questions = new HashSet<>();
        for (BenchmarkQuestion q : bare.benchmarks().questions()) {
            questions.add(normalized(q.questionText()));
            q.groundTruthSql().ifPresent(sql -> answers.add(normalized(sql)));
        }
        ideal.instructions().exampleQuestionSqls().forEach(e -> {
            assertFalse(questions.contains(normalized(String.join("", e.question()))), name + ": example repeats a benchmark question");
            assertFalse(answers.contains(normalized(String.join("", e.sql()))), name + ": example repeats a benchmark's SQL");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"hr", "logistics"})
    void rewordedCopyHasOtherWordsForEveryBenchmark(String name) throws IOException {
        ScenarioScores s = scores(name);
        JsonNode reworded = JSON.readTree(folder(name).resolve("reworded.json").toFile());
        List<String> ids = new ArrayList<>();
        reworded.fieldNames().forEachRemaining(ids::add);
        List<BenchmarkQuestion> questions = s.scenario.space().benchmarks().questions();
        assertEquals(questions.stream().map(BenchmarkQuestion::id).sorted().toList(), ids.stream().sorted().toList());
        for (BenchmarkQuestion q : questions) {
            String other = reworded.get(q.id()).asText();
            assertFalse(other.isBlank());
            assertNotEquals(normalized(q.questionText()), normalized(other), name + ": " + q.questionText());
        }
    }

    private static ScenarioScores scores(String name) {
        return LOADED.computeIfAbsent(name, ScenarioScores::new);
    }

    @AfterAll
    static void close() {
        LOADED.values().forEach(ScenarioScores::close);
        LOADED.clear();
    }

    /** With {@code -Dscenario.print=true} the misses are printed with Genie's SQL, to update a README's gap table. */
    private static long correct(ScenarioScores s, SpaceConfig space) {
        List<BenchmarkJudge.Outcome> outcomes = s.outcomes(space);
        if (Boolean.getBoolean("scenario.print")) {
            outcomes.stream().filter(o -> !o.verdict().good()).forEach(o -> System.out.println(s.scenario.name() + " FAIL: "
                    + o.question().questionText() + " " + o.verdict().reasons() + "\n    genie: "
                    + (o.answer() instanceof SandboxGenie.SqlAnswer a ? a.sql() : "(asks back)")));
        }
        return outcomes.stream().filter(o -> o.verdict().good()).count();
    }

    private static SpaceConfig ideal(ScenarioScores s, String name) {
        try {
            SpaceAcceptance.Result r = SpaceAcceptance.check(Files.readString(folder(name).resolve("ideal.json")), s.db.tables());
            assertEquals(List.of(), r.problems(), name + ": ideal.json would be refused by the server");
            return r.space();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path folder(String name) {
        return ScenarioLoader.locate(name);
    }

    private static List<Long> figure(String readme, Pattern p, String what) {
        Matcher m = p.matcher(readme);
        assertTrue(m.find(), what + " line missing");
        return List.of(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
    }

    private static String normalized(String s) {
        return s.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }
}
