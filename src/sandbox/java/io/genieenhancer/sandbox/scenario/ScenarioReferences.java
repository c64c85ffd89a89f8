package io.genieenhancer.sandbox.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.BenchmarkQuestion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The files beside a scenario that measure the enhancer rather than feed it (docs/sandbox.md, "Scenario
 * format"): {@code ideal.json}, the bare space plus the knowledge a person would add (its score is the
 * scenario's ceiling), and {@code reworded.json}, the benchmark questions in other words (benchmark id →
 * question text, same ground truth). Neither the product nor the sandbox Genie reads them; the tests and
 * the effectiveness benchmark do.
 */
public final class ScenarioReferences {

    public static final String IDEAL_FILE = "ideal.json";
    public static final String REWORDED_FILE = "reworded.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioReferences() {
    }

    /**
     * The ideal space, checked like space.json (format and server rules) and required to hold the same
     * benchmarks: a ceiling measured on other questions would not be a ceiling.
     */
    public static Optional<SpaceConfig> ideal(Path folder, Scenario scenario) {
        Path file = folder.resolve(IDEAL_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        SpaceConfig ideal = ScenarioLoader.space(IDEAL_FILE, read(file, IDEAL_FILE));
        if (!benchmarkKeys(ideal).equals(benchmarkKeys(scenario.space()))) {
            throw new ScenarioException(IDEAL_FILE, "$.benchmarks must be the same as in " + ScenarioLoader.SPACE_FILE
                    + " (ids, questions and ground-truth SQL)");
        }
        return Optional.of(ideal);
    }

    /**
     * The reworded benchmark questions, in the order of the space's benchmarks: each keeps its benchmark's
     * id and ground truth and takes the reworded text. Empty when the folder has no reworded.json.
     */
    public static List<BenchmarkQuestion> reworded(Path folder, Scenario scenario) {
        Path file = folder.resolve(REWORDED_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        JsonNode node;
        try {
            node = JSON.readTree(read(file, REWORDED_FILE));
        } catch (JsonProcessingException e) {
            throw new ScenarioException(REWORDED_FILE, "not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new ScenarioException(REWORDED_FILE, "must be a JSON object: benchmark id -> reworded question");
        }
        Map<String, BenchmarkQuestion> byId = scenario.space().benchmarks().questions().stream()
                .collect(Collectors.toMap(BenchmarkQuestion::id, Function.identity()));
        for (Iterator<String> ids = node.fieldNames(); ids.hasNext(); ) {
            String id = ids.next();
            if (!byId.containsKey(id)) {
                throw new ScenarioException(REWORDED_FILE, "\"" + id + "\" is not a benchmark id of " + ScenarioLoader.SPACE_FILE);
            }
            if (!node.get(id).isTextual() || node.get(id).asText().isBlank()) {
                throw new ScenarioException(REWORDED_FILE, "\"" + id + "\" must be a non-empty question");
            }
        }
        List<BenchmarkQuestion> out = new ArrayList<>();
        for (BenchmarkQuestion q : scenario.space().benchmarks().questions()) {
            JsonNode text = node.get(q.id());
            if (text != null) {
                out.add(new BenchmarkQuestion(q.id(), List.of(text.asText()), q.answer(), q.extras()));
            }
        }
        return out;
    }

    private static List<List<String>> benchmarkKeys(SpaceConfig space) {
        return space.benchmarks().questions().stream()
                .map(q -> List.of(q.id(), q.questionText(), q.groundTruthSql().orElse(""))).toList();
    }

    private static String read(Path file, String name) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(name, "cannot read: " + e.getMessage());
        }
    }
}
