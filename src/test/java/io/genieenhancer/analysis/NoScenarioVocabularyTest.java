package io.genieenhancer.analysis;

import io.genieenhancer.sandbox.scenario.Scenario;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.space.SpaceConfig;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analyser must fix classes of failures, not our scenarios: no table name, column name, ground-truth
 * value or distinctive question word of any bundled scenario may appear in the string literals of the
 * analysis and fix code. String literals are where vocabulary changes behaviour (word lists, maps,
 * patterns); identifiers and comments are English about code and are not scanned.
 *
 * <p>A scenario's vocabulary: its table and column names, the string values its ground truths filter on, and its
 * domain nouns (question words that are also parts of its table or column names). A term is distinctive when it
 * belongs to exactly one scenario's vocabulary: with seven scenarios from different domains, words every domain
 * uses — "amount", "status", "date" — are in several. {@link #GENERAL} lists the few English words that
 * happen to occur in one scenario only but are part of the analyser's own grammar, each with its reason.
 */
class NoScenarioVocabularyTest {

    static final Path SCENARIOS = Path.of("src/sandbox/resources/scenarios");
    static final List<Path> SCANNED = List.of(Path.of("src/main/java/io/genieenhancer/analysis"),
            Path.of("src/main/java/io/genieenhancer/fix"));

    /**
     * Words one scenario happens to use that are general: English the code speaks in messages and grammar
     * word lists, and the standard abbreviations of column names. Each entry is a decision, not a loophole:
     * nothing with an underscore and no ground-truth value may be listed here.
     */
    static final Set<String> GENERAL = Set.of(
            // English of messages, prompts and grammar lists
            "make", "made", "names", "value", "created", "updated", "user", "claims", "mode", "reason", "order", "budget",
            "units", "list", "code", "daily", "monthly", "event",
            // column-name abbreviations and the words they stand for (Words.ABBREVIATIONS)
            "qty", "dept", "seg", "ship", "shipment", "inventory", "transaction", "product");

    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)CREATE\\s+TABLE\\s+([\\w.]+)\\s*\\((.*?)\\)\\s*;");
    private static final Pattern SQL_STRING = Pattern.compile("'((?:[^']|'')*)'");

    @Test
    void noScenarioVocabularyInTheAnalyserOrFixSources() throws IOException {
        Map<String, Set<String>> terms = scenarioTerms();
        assertTrue(terms.size() >= 2, "bundled scenarios found: " + terms.keySet());
        Map<String, List<String>> hits = new TreeMap<>();
        for (Path file : sources()) {
            Set<String> literalWords = literalWords(Files.readString(file));
            terms.forEach((scenario, words) -> words.stream().filter(literalWords::contains)
                    .forEach(w -> hits.computeIfAbsent(scenario, k -> new ArrayList<>()).add(w + " in " + file.getFileName())));
        }
        assertEquals(Map.of(), hits, "scenario vocabulary in src/main: teach the class of failure, not the scenario");
    }

    @Test
    void theExceptionsAreWordsNotIdentifiersOrValues() {
        GENERAL.forEach(w -> assertTrue(w.matches("[a-z]+"), w));
    }

    @Test
    void theCheckFindsAPlantedScenarioWord() throws IOException {
        Map<String, Set<String>> terms = scenarioTerms();
        String someColumn = terms.values().iterator().next().iterator().next();
        String planted = "static final Map<String, String> HINTS = Map.of(\"" + someColumn + "\", \"x\"); // \"" + "\"";
        assertTrue(literalWords(planted).contains(someColumn));
        assertFalse(literalWords("// " + someColumn + "\nint " + someColumn.replace("_", "") + " = 1;").contains(someColumn),
                "comments and identifiers are not scanned");
    }

    /** Per scenario folder: table and column names, ground-truth string values, distinctive question words. */
    static Map<String, Set<String>> scenarioTerms() throws IOException {
        Map<String, Set<String>> names = new TreeMap<>();
        Map<String, Set<String>> questionWords = new HashMap<>();
        try (Stream<Path> folders = Files.list(SCENARIOS)) {
            for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
                Scenario s = ScenarioLoader.read(folder);
                Set<String> own = new TreeSet<>();
                Matcher table = CREATE_TABLE.matcher(s.schemaSql().replaceAll("--[^\\n]*", ""));
                while (table.find()) {
                    String id = table.group(1);
                    own.add(id.substring(id.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
                    for (String column : table.group(2).split(",")) {
                        String c = column.trim().split("\\s+")[0].replace("`", "").toLowerCase(Locale.ROOT);
                        if (c.matches("[a-z_][a-z0-9_]*") && !c.equals("primary") && !c.equals("constraint")) {
                            own.add(c);
                        }
                    }
                }
                Set<String> words = new TreeSet<>();
                for (SpaceConfig.BenchmarkQuestion q : s.space().benchmarks().questions()) {
                    Matcher value = SQL_STRING.matcher(q.groundTruthSql().orElse(""));
                    while (value.find()) {
                        String v = value.group(1).toLowerCase(Locale.ROOT);
                        if (v.length() >= 3 && v.matches(".*[a-z].*") && !v.matches("[\\d\\-: ]+|(day|week|month|quarter|year)s?")) {
                            own.add(v);
                        }
                    }
                    Words.of(q.questionText()).stream().filter(w -> w.length() >= 4 && w.matches("[a-z]+")).forEach(words::add);
                }
                // the domain's nouns: question words that are also parts of its table or column names
                Set<String> parts = new TreeSet<>();
                own.stream().filter(n -> n.matches("[a-z0-9_]+")).forEach(n -> parts.addAll(Words.ofIdentifier(n)));
                words.removeIf(w -> !parts.contains(Words.singular(w)));
                names.put(folder.getFileName().toString(), own);
                questionWords.put(folder.getFileName().toString(), words);
            }
        }
        // distinctive: a term of exactly one scenario's vocabulary; words several domains share are general
        Map<String, Set<String>> vocabulary = new TreeMap<>();
        names.forEach((scenario, own) -> {
            Set<String> all = new TreeSet<>(own);
            all.addAll(questionWords.get(scenario));
            vocabulary.put(scenario, all);
        });
        Map<String, Set<String>> distinctive = new TreeMap<>();
        vocabulary.forEach((scenario, all) -> distinctive.put(scenario, new TreeSet<>(all.stream()
                .filter(w -> vocabulary.values().stream().filter(v -> v.contains(w)).count() == 1)
                .filter(w -> !GENERAL.contains(w)).toList())));
        return distinctive;
    }

    static List<Path> sources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : SCANNED) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** The words (lower case, also whole) of every string literal outside comments. */
    static Set<String> literalWords(String java) {
        String code = java.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//[^\\n\"]*$", " ");
        Set<String> out = new TreeSet<>();
        Matcher m = STRING_LITERAL.matcher(code);
        while (m.find()) {
            String literal = m.group(1).toLowerCase(Locale.ROOT);
            out.add(literal);
            for (String w : literal.split("[^a-z0-9_]+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }
}
