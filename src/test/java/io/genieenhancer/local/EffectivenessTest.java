package io.genieenhancer.local;

import io.genieenhancer.local.Effectiveness.Reworded;
import io.genieenhancer.local.Effectiveness.ScenarioResult;
import io.genieenhancer.local.Effectiveness.Score;
import io.genieenhancer.report.RunReport;
import io.genieenhancer.sandbox.Knobs;
import io.genieenhancer.sandbox.ScenarioFolders;
import io.genieenhancer.sandbox.SandboxWorkspace;
import io.genieenhancer.sandbox.scenario.ScenarioException;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.sandbox.scenario.ScenarioReferences;
import io.genieenhancer.space.SpaceConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The effectiveness benchmark's figures: from run reports to the table, and its sandbox-judge scores. */
class EffectivenessTest {

    private static final String REGRESS_REFUNDED = "01f0c0de000200000000000000000007";
    private static final String REGRESS_REFUNDED_BY_REASON = "01f0c0de000200000000000000000008";
    private static final String REGRESS_TOTAL_SALES = "01f0c0de000200000000000000000001";

    @TempDir
    Path tmp;

    static RunReport.IterationRow row(int i, Integer correct, int of, String status, int fixes, boolean rolledBack) {
        return new RunReport.IterationRow(i, correct == null ? null : (double) correct / of, correct,
                correct == null ? null : of, null, status, fixes, Map.of(), rolledBack, null, null, null);
    }

    static RunReport report(String outcome, int applied, int rolledBack, RunReport.IterationRow... rows) {
        return new RunReport("s", "r", outcome, null, new RunReport.Tally(null, null, rows.length - 1, applied, rolledBack),
                null, null,
                List.of(rows), List.of(), Map.of(), List.of(), List.of());
    }

    /** Improves, regresses (rolled back), improves again; has a ceiling. */
    static ScenarioResult improving() {
        return Effectiveness.fromReport("alpha", 46, report("MAX_ITERATIONS", 25, 3,
                        row(0, 16, 46, null, 0, false), row(1, 40, 46, "APPLIED", 20, false),
                        row(2, 35, 46, "APPLIED", 3, true), row(3, 42, 46, "APPLIED", 2, false)),
                Optional.of(new Score(46, 46)), Optional.empty());
    }

    /** Its last iteration is rolled back, then nothing is left to fix; no ceiling. */
    static ScenarioResult stuck() {
        return Effectiveness.fromReport("beta", 8, report("NO_FIXES", 1, 1,
                        row(0, 6, 8, null, 0, false), row(1, 4, 8, "APPLIED", 1, true), row(2, null, 8, "NO_FIXES", 0, false)),
                Optional.empty(), Optional.of(new Reworded(8, new Score(6, 8), new Score(8, 8), new Score(4, 8),
                        new Score(5, 8))));
    }

    @Test
    void theFinalScoreIsTheLastIterationNotRolledBackAndItsShareOfTheCeilingIsCorrectOverCorrect() {
        ScenarioResult a = improving();
        assertEquals(Optional.of(new Score(16, 46)), a.baseline());
        assertEquals(Optional.of(new Score(42, 46)), a.result());
        assertEquals(42.0 / 46, a.shareOfCeiling().orElseThrow(), 1e-12);
        assertEquals(Optional.of(new Score(35, 46)), a.afterIteration(2));

        ScenarioResult b = stuck();
        assertEquals(Optional.of(new Score(6, 8)), b.result(), "the rolled-back 4 / 8 does not count");
        assertEquals(Optional.empty(), b.shareOfCeiling());
        assertEquals(Optional.empty(), b.afterIteration(2), "no evaluation after NO_FIXES");
    }

    @Test
    void theGainKeptIsTheRewordedGainOverTheBenchmarkGainAndUndefinedWithoutABenchmarkGain() {
        assertEquals(0.5, stuck().reworded().orElseThrow().gainKept().orElseThrow(), 1e-12);
        assertEquals(Optional.empty(), new Reworded(8, new Score(6, 8), new Score(6, 8), new Score(4, 8),
                new Score(5, 8)).gainKept());
        assertEquals(-0.5, new Reworded(8, new Score(6, 8), new Score(8, 8), new Score(5, 8), new Score(4, 8))
                .gainKept().orElseThrow(), 1e-12);
    }

    @Test
    void theTotalSumsEveryScenarioAndSharesTheCeilingOnlyWhereThereIsOne() {
        var t = Effectiveness.total(List.of(improving(), stuck()));
        assertEquals(54, t.questions());
        assertEquals(new Score(22, 54), t.baseline());
        assertEquals(new Score(48, 54), t.result());
        assertEquals(26, t.fixesApplied());
        assertEquals(4, t.fixesRolledBack());
        assertEquals(1, t.withCeiling());
        assertEquals(42.0 / 46, t.shareOfCeiling().orElseThrow(), 1e-12);
        assertEquals(1, t.atCeilingBar(), "42 / 46 of the ceiling is 91 %, at or above 85 %");
        assertEquals(new Score(5, 8), t.reworded().orElseThrow().rewordedFinal());
    }

    @Test
    void theMarkdownTableHasALinePerScenarioATotalLineAndTheRewordedTable() {
        String md = Effectiveness.markdown(List.of(improving(), stuck()), 3);
        assertTrue(md.contains("| alpha | 46 | 16 / 46 (34.8 %) | 46 / 46 (100.0 %) | 40 / 46 (87.0 %) | "
                + "35 / 46 (76.1 %) (rolled back) | 42 / 46 (91.3 %) | 25 / 3 | 42 / 46 (91.3 %) | 91.3 % | MAX_ITERATIONS |"), md);
        assertTrue(md.contains("| beta | 8 | 6 / 8 (75.0 %) | – | 4 / 8 (50.0 %) (rolled back) | no fixes | – | 1 / 1 | "
                + "6 / 8 (75.0 %) | – | NO_FIXES |"), md);
        assertTrue(md.contains("| **total** (2) | 54 | 22 / 54 (40.7 %) | 46 / 46 (1 with one) | | | | 26 / 4 | "
                + "48 / 54 (88.9 %) | 91.3 % | 1 of 1 at ≥ 85 % of ceiling |"), md);
        assertTrue(md.contains("| beta | 8 | 6 / 8 (75.0 %) → 8 / 8 (100.0 %) | 4 / 8 (50.0 %) → 5 / 8 (62.5 %) | 50.0 % |"), md);
        assertEquals(2, md.lines().filter(l -> l.startsWith("| **total**")).count(), "a total line in each table");
    }

    @Test
    void aFailedRunIsALineOfItsOwnAndCountsAsNothingAgainstItsCeiling() {
        ScenarioResult failed = Effectiveness.failed("gamma", 10, "LockHeld", Optional.of(new Score(9, 10)));
        var t = Effectiveness.total(List.of(improving(), failed));
        assertEquals(new Score(55, 56), t.ceiling());
        assertEquals(42.0 / 55, t.shareOfCeiling().orElseThrow(), 1e-12);
        assertEquals(1, t.atCeilingBar());
        assertTrue(Effectiveness.markdown(List.of(failed), 3)
                .contains("| gamma | 10 | – | 9 / 10 (90.0 %) | – | – | – | 0 / 0 | – | – | FAILED: LockHeld |"));
    }

    @Test
    void aScenarioGivenAsAFolderGetsAValidRunId() {
        assertEquals("eff-retail-20260101-120000", EffectivenessRun.runId("retail", "20260101-120000"));
        assertEquals("eff-my_shop-1", EffectivenessRun.runId("/tmp/x/my shop", "1"));
        String long128 = EffectivenessRun.runId("s".repeat(300), "20260101-120000");
        assertEquals(128, long128.length());
        assertTrue(long128.matches("[A-Za-z0-9._-]+"));
    }

    @Test
    void theJsonCarriesTheSameFigures() {
        var json = Effectiveness.json(List.of(improving(), stuck()), "./run-local --effectiveness");
        assertEquals(42, json.at("/scenarios/0/final/correct").asInt());
        assertEquals(42.0 / 46, json.at("/scenarios/0/finalShareOfCeiling").asDouble(), 1e-12);
        assertTrue(json.at("/scenarios/1/iterations/0/rolledBack").asBoolean());
        assertEquals(0.5, json.at("/scenarios/1/reworded/gainKept").asDouble(), 1e-12);
        assertEquals(48, json.at("/total/final/correct").asInt());
    }

    @Test
    void onRegressTheCeilingIsTheIdealSpacesScoreAndRewordedQuestionsAreJudgedAgainstTheSameGroundTruth()
            throws IOException {
        Path folder = copyOfRegress();
        Files.writeString(folder.resolve(ScenarioReferences.REWORDED_FILE), """
                {"%s": "How much money was refunded?",
                 "%s": "What were the refunded sales for each reason?",
                 "%s": "What were the sales in total?"}
                """.formatted(REGRESS_REFUNDED, REGRESS_REFUNDED_BY_REASON, REGRESS_TOTAL_SALES));
        try (SandboxWorkspace ws = SandboxWorkspace.start(folder, Knobs.instant())) {
            var db = ws.state().database();
            assertEquals(Optional.of(new Score(8, 8)), EffectivenessRun.ceiling(folder, ws.scenario(), db));
            assertEquals(new Score(6, 8), EffectivenessRun.judge(db, ws.scenario().space(),
                    ws.scenario().space().benchmarks().questions()));

            SpaceConfig ideal = ScenarioReferences.ideal(folder, ws.scenario()).orElseThrow();
            Reworded r = EffectivenessRun.reworded(folder, ws.scenario(), db, ideal).orElseThrow();
            assertEquals(3, r.questions());
            assertEquals(new Score(6, 8), r.benchmarksBare());
            assertEquals(new Score(8, 8), r.benchmarksFinal());
            // "refunded" is the ideal space's synonym of refunds.amount; the bare space reads "sales" as orders
            assertEquals(new Score(1, 3), r.rewordedBare(), "only the total-sales question");
            assertEquals(new Score(3, 3), r.rewordedFinal());
            assertEquals(1.0 / 0.25 * (2.0 / 3), r.gainKept().orElseThrow(), 1e-12);
        }
    }

    @Test
    void aRewordedFileNamingAnUnknownBenchmarkOrAnIdealWithOtherBenchmarksIsRefused() throws IOException {
        Path folder = copyOfRegress();
        var scenario = ScenarioLoader.read(folder);
        Files.writeString(folder.resolve(ScenarioReferences.REWORDED_FILE), "{\"01f0c0de0002000000000000000000ff\": \"x?\"}");
        var e = assertThrows(ScenarioException.class, () -> ScenarioReferences.reworded(folder, scenario));
        assertTrue(e.getMessage().startsWith("reworded.json"), e.getMessage());

        String ideal = Files.readString(folder.resolve(ScenarioReferences.IDEAL_FILE));
        Files.writeString(folder.resolve(ScenarioReferences.IDEAL_FILE),
                ideal.replace("What were the total sales?", "What were the total sales overall?"));
        e = assertThrows(ScenarioException.class, () -> ScenarioReferences.ideal(folder, scenario));
        assertTrue(e.getMessage().contains("$.benchmarks must be the same"), e.getMessage());
    }

    private Path copyOfRegress() throws IOException {
        return ScenarioFolders.copy("regress", tmp.resolve("regress"));
    }
}
