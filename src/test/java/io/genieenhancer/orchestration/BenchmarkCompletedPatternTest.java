package io.genieenhancer.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.event.ruler.Machine;

/**
 * The EventBridge rule's event patterns, exactly as Terraform deploys them (terraform/events/), checked
 * with AWS's own matcher (Event Ruler) against the sample events in terraform/events/samples/.
 */
class BenchmarkCompletedPatternTest {

    private static final Path EVENTS = Path.of("terraform", "events");
    private static final String RULE = "start-enhancement-run";

    @ParameterizedTest(name = "{0} starts a run: {1}")
    @CsvSource({
            "eval-run-completed,        true",
            "results-key-without-score, true",
            "score-above-target,        true",
            "other-source,              false",
            "other-detail-type,         false",
            "without-space-id,          false",
    })
    void theRuleMatchesOnlyCompletedBenchmarkRunsOfASpace(String sample, boolean expected) throws Exception {
        Machine machine = machineWith(read(EVENTS.resolve("benchmark-completed.pattern.json")));

        assertEquals(expected, matches(machine, sample));
    }

    @ParameterizedTest(name = "{0} starts a run below target 0.9: {1}")
    @CsvSource({
            "eval-run-completed,        true",
            "score-above-target,        false",
            "results-key-without-score, false",
            "other-source,              false",
            "without-space-id,          false",
    })
    void theBelowTargetRuleAlsoNeedsAScoreUnderTheThreshold(String sample, boolean expected) throws Exception {
        Machine machine = machineWith(belowTargetPattern("0.9"));

        assertEquals(expected, matches(machine, sample));
    }

    @Test
    void theThresholdIsTakenFromTerraform() throws Exception {
        // eval-run-completed carries score 0.62
        assertTrue(matches(machineWith(belowTargetPattern("0.7")), "eval-run-completed"));
        assertEquals(false, matches(machineWith(belowTargetPattern("0.6")), "eval-run-completed"));
    }

    @Test
    void everySampleIsAWellFormedEventBridgeEvent() throws Exception {
        try (var samples = Files.list(EVENTS.resolve("samples"))) {
            List<Path> files = samples.filter(p -> p.toString().endsWith(".json")).toList();
            assertTrue(files.size() >= 6, "samples present: " + files);
            Machine envelope = machineWith("""
                    {"version": ["0"], "id": [{"exists": true}], "source": [{"exists": true}],
                     "detail-type": [{"exists": true}], "time": [{"exists": true}], "detail": {"score": [{"exists": false}, {"numeric": [">=", 0, "<=", 1]}]}}
                    """);
            for (Path file : files) {
                assertEquals(List.of(RULE), envelope.rulesForJSONEvent(read(file)), file + " has the EventBridge envelope and a score in 0..1 if any");
            }
        }
    }

    /** Terraform renders this template with templatefile(); ${threshold} is its only placeholder. */
    private static String belowTargetPattern(String threshold) throws IOException {
        String template = read(EVENTS.resolve("benchmark-completed-below-target.pattern.json.tftpl"));
        assertTrue(template.contains("${threshold}"));
        return template.replace("${threshold}", threshold);
    }

    private static Machine machineWith(String pattern) throws IOException {
        Machine machine = new Machine();
        machine.addRule(RULE, pattern);
        return machine;
    }

    private static boolean matches(Machine machine, String sample) throws Exception {
        String event = read(EVENTS.resolve("samples").resolve(sample + ".json"));
        return machine.rulesForJSONEvent(event).contains(RULE);
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
