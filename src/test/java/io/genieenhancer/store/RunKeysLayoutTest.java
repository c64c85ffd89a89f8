package io.genieenhancer.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.genieenhancer.evaluation.EvaluationKeys;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** README's "Run store layout" is the set of keys {@link RunKeys} (and {@link EvaluationKeys}) build: no more, no less. */
class RunKeysLayoutTest {

    private static final String S = "S1";
    private static final String R = "R1";
    private static final int N = 7;
    private static final String LABEL = "L1";

    /** A key built with sample ids, written the way README writes it (placeholders in braces). */
    private static String placeholders(String key) {
        return key.replace("spaces/" + S + "/", "spaces/{spaceId}/").replace("runs/" + R + "/", "runs/{runId}/")
                .replace("iteration-" + N + "/", "iteration-{n}/").replace("/" + LABEL + ".json", "/{label}.json");
    }

    /** Every document key, by the method that builds it; prefixes and id checks are not documents. */
    private static Set<String> keysFromCode() {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(RunKeys.lock(S));
        keys.add(RunKeys.cleanupFailed(S));
        keys.add(RunKeys.snapshot(S, LABEL));
        keys.add(RunKeys.runSnapshot(S, R, LABEL));
        keys.add(RunKeys.rejectedFixes(S, R));
        keys.add(RunKeys.configBefore(S, R, N));
        keys.add(RunKeys.fixes(S, R, N));
        keys.add(RunKeys.dryRun(S, R, N));
        keys.add(RunKeys.evaluation(S, R, N));
        // README names the evaluation folder once; its contents are EvaluationKeys' (docs/evaluation.md)
        String plan = EvaluationKeys.plan(S, R, N);
        keys.add(plan.substring(0, plan.lastIndexOf('/') + 1) + "...");
        keys.add(EvaluationKeys.judgement(S, R, N));
        String json = RunKeys.report(S, R, "json");
        keys.add(json.substring(0, json.length() - "json".length()) + "{json,md,html}");
        return keys.stream().map(RunKeysLayoutTest::placeholders).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The methods {@link #keysFromCode()} calls: a key method added to RunKeys must be added there and to README. */
    private static final Set<String> DOCUMENT_KEY_METHODS = Set.of("lock", "cleanupFailed", "snapshot", "runSnapshot", "rejectedFixes",
            "configBefore", "fixes", "dryRun", "evaluation", "report");
    private static final Set<String> NOT_KEYS = Set.of("safe", "space", "run", "iteration", "manualSnapshotLabel",
            "forcedRestoreBackupLabel");

    @Test
    void everyKeyMethodOfRunKeysIsInTheLayout() {
        Set<String> methods = Arrays.stream(RunKeys.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .map(Method::getName).filter(n -> !NOT_KEYS.contains(n)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(DOCUMENT_KEY_METHODS), methods);
    }

    @Test
    void readmesRunStoreLayoutListsExactlyTheKeysTheCodeBuilds() throws IOException {
        assertEquals(keysFromCode(), readmeLayout());
    }

    @Test
    void theSnapshotLabelsTheFunctionsMakeAreValidLabels() {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        RunKeys.snapshot(S, RunKeys.manualSnapshotLabel(at));
        assertEquals("spaces/S1/snapshots/before-forced-restore-1796119200000.json",
                RunKeys.snapshot(S, RunKeys.forcedRestoreBackupLabel(at)));
    }

    /** The first word of every line in the code block under README's "## Run store layout". */
    private static Set<String> readmeLayout() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int heading = lines.indexOf("## Run store layout");
        int open = lines.subList(heading, lines.size()).indexOf("```") + heading;
        int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
        return lines.subList(open + 1, close).stream().map(l -> l.trim().split("\\s+")[0])
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
