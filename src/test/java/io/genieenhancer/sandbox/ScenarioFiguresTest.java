package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.scenario.ScenarioLoader;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every bundled scenario's README states its figures on lines {@code Baseline: **X / N**} and (when the
 * folder has an ideal.json) {@code Ceiling: **Y / N**}, and they are what the sandbox Genie measures now:
 * a Genie or scenario change that moves a figure must update the README with it.
 */
class ScenarioFiguresTest {

    private static final Path SOURCE_FOLDER = Path.of("src/sandbox/resources/scenarios");

    @Test
    void everyScenarioFolderInTheSourcesIsFoundAsABundledScenario() throws IOException {
        List<String> folders;
        try (Stream<Path> list = Files.list(SOURCE_FOLDER)) {
            folders = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(folders.containsAll(List.of("regress", "retail")), folders.toString());
        assertEquals(folders, ScenarioLoader.bundledNames());
    }

    @TestFactory
    Stream<DynamicTest> eachReadmeStatesTheBaselineAndCeilingTheSandboxGenieMeasures() {
        return ScenarioLoader.bundledNames().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            try (ScenarioScores s = new ScenarioScores(name)) {
                int n = s.scenario.space().benchmarks().questions().size();
                String readme = s.scenario.readme();
                Figure baseline = figure(readme, "Baseline").orElseThrow(() -> new AssertionError(
                        name + "/README.md has no line \"Baseline: **X / N**\""));
                assertEquals(new Figure(s.correct(s.scenario.space()), n), baseline, name + " baseline");
                Optional<Figure> ceiling = figure(readme, "Ceiling");
                var ideal = s.ideal();
                if (ideal.isPresent()) {
                    assertEquals(new Figure(s.correct(ideal.get()), n), ceiling.orElseThrow(() -> new AssertionError(
                            name + " has an ideal.json but its README.md has no line \"Ceiling: **Y / N**\"")), name + " ceiling");
                } else {
                    assertTrue(ceiling.isEmpty(), name + "/README.md states a ceiling but the folder has no ideal.json");
                }
            }
        }));
    }

    @Test
    void aFigureIsReadOnlyFromALineOfExactlyThatForm() {
        assertEquals(Optional.of(new Figure(16, 46)), figure("x\nBaseline: **16 / 46**\ny", "Baseline"));
        assertEquals(Optional.empty(), figure("Baseline: **16 / 46** (34.8 %)", "Baseline"));
        assertEquals(Optional.empty(), figure("- Baseline: **16 / 46**", "Baseline"));
        assertEquals(Optional.empty(), figure("Baseline: 16 / 46", "Baseline"));
        assertEquals(Optional.empty(), figure("Ceiling: **46 / 46**", "Baseline"));
    }

    @Test
    void twoDifferentFiguresForTheSameNameAreAnError() {
        try {
            figure("Baseline: **1 / 2**\nBaseline: **2 / 2**", "Baseline");
            fail("two baselines were accepted");
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage().contains("more than one"));
        }
    }

    record Figure(int correct, int of) {
    }

    /** The figure on the line {@code <name>: **X / N**} (nothing else on it); more than one such line is an error. */
    static Optional<Figure> figure(String readme, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ": \\*\\*(\\d+) / (\\d+)\\*\\*$").matcher(readme);
        Optional<Figure> found = Optional.empty();
        while (m.find()) {
            if (found.isPresent()) {
                throw new AssertionError("more than one \"" + name + ":\" line");
            }
            found = Optional.of(new Figure(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        }
        return found;
    }
}
