package io.genieenhancer.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.genieenhancer.json.Json;
import io.genieenhancer.report.RunReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The effectiveness benchmark's figures ({@code ./run-local --effectiveness}): per scenario, what the main
 * job made of the bare space in its iterations, against the scenario's ceiling (the score of its ideal
 * space) and, where the scenario has reworded questions, how much of the gain carries over to them.
 * Pure: built from a run's report and the sandbox judge's scores, rendered as Markdown and JSON.
 */
public final class Effectiveness {

    /** A final score at or above this share of the ceiling counts as reaching it (issue 11's bar). */
    public static final double CEILING_BAR = 0.85;

    /** Correct answers out of judged questions. */
    public record Score(int correct, int of) {
        public Score {
            if (correct < 0 || of < 0 || correct > of) {
                throw new IllegalArgumentException("score " + correct + " / " + of);
            }
        }

        public double share() {
            return of == 0 ? 0 : (double) correct / of;
        }

        public Score plus(Score other) {
            return new Score(correct + other.correct, of + other.of);
        }

        @Override
        public String toString() {
            return correct + " / " + of;
        }
    }

    /** One enhancement iteration: its score (none when nothing was applied), and whether it was undone. */
    public record Iteration(int iteration, Optional<Score> score, String status, int fixesApplied, boolean rolledBack) {
    }

    /**
     * The reworded questions, all four scores by the sandbox judge: the bare and the final space, each on
     * the benchmarks and on the reworded copy.
     */
    public record Reworded(int questions, Score benchmarksBare, Score benchmarksFinal, Score rewordedBare,
            Score rewordedFinal) {

        /** Reworded gain ÷ benchmark gain; none when the benchmarks gained nothing (nothing to keep). */
        public Optional<Double> gainKept() {
            double gain = benchmarksFinal.share() - benchmarksBare.share();
            return gain <= 0 ? Optional.empty() : Optional.of((rewordedFinal.share() - rewordedBare.share()) / gain);
        }
    }

    /**
     * One scenario's line.
     *
     * @param outcome the run's outcome (TARGET_MET, MAX_ITERATIONS, NO_FIXES, ...) or the failure that ended it
     * @param baseline the run's iteration-0 score
     * @param result   the score of the configuration the run kept (rolled-back iterations do not count)
     */
    public record ScenarioResult(String scenario, int questions, String outcome, Optional<Score> baseline,
            Optional<Score> ceiling, List<Iteration> iterations, int fixesApplied, int fixesRolledBack,
            Optional<Score> result, Optional<Reworded> reworded) {

        public ScenarioResult {
            iterations = List.copyOf(iterations);
        }

        /** The final score as a share of the ceiling's (correct answers over correct answers). */
        public Optional<Double> shareOfCeiling() {
            return ceiling.filter(c -> c.correct() > 0).flatMap(c -> result.map(r -> (double) r.correct() / c.correct()));
        }

        public Optional<Score> afterIteration(int i) {
            return iterations.stream().filter(it -> it.iteration() == i).findFirst().flatMap(Iteration::score);
        }
    }

    private Effectiveness() {
    }

    /** A scenario's line from its run's report (the same figures as report.json). */
    public static ScenarioResult fromReport(String scenario, int questions, RunReport report, Optional<Score> ceiling,
            Optional<Reworded> reworded) {
        Optional<Score> baseline = Optional.empty();
        Optional<Score> kept = Optional.empty();
        List<Iteration> iterations = new ArrayList<>();
        for (RunReport.IterationRow row : report.rows()) {
            Optional<Score> score = row.correct() == null || row.scorable() == null ? Optional.empty()
                    : Optional.of(new Score(row.correct(), row.scorable()));
            if (row.iteration() == 0) {
                baseline = score;
            } else {
                iterations.add(new Iteration(row.iteration(), score,
                        row.enhanceStatus() == null ? "–" : row.enhanceStatus(), row.fixesApplied(), row.rolledBack()));
            }
            if (score.isPresent() && !row.rolledBack()) {
                kept = score;
            }
        }
        String outcome = report.error() == null ? report.outcome() : report.outcome() + " (" + report.error() + ")";
        return new ScenarioResult(scenario, questions, outcome, baseline, ceiling, iterations, report.tally().fixesApplied(),
                report.tally().fixesRolledBack(), kept, reworded);
    }

    /** A scenario whose run never produced a report (it failed before its first evaluation). */
    public static ScenarioResult failed(String scenario, int questions, String why, Optional<Score> ceiling) {
        return new ScenarioResult(scenario, questions, "FAILED: " + why, Optional.empty(), ceiling, List.of(), 0, 0,
                Optional.empty(), Optional.empty());
    }

    /** The sums over every scenario; shares of the ceiling only over the scenarios that have one. */
    public record Total(int scenarios, int questions, Score baseline, Score result, int fixesApplied, int fixesRolledBack,
            int withCeiling, Score ceiling, Score resultWhereCeiling, int atCeilingBar, Optional<Reworded> reworded) {

        public Optional<Double> shareOfCeiling() {
            return ceiling.correct() == 0 ? Optional.empty()
                    : Optional.of((double) resultWhereCeiling.correct() / ceiling.correct());
        }
    }

    public static Total total(List<ScenarioResult> results) {
        Score none = new Score(0, 0);
        List<ScenarioResult> withCeiling = results.stream().filter(r -> r.ceiling().isPresent()).toList();
        List<Reworded> reworded = results.stream().flatMap(r -> r.reworded().stream()).toList();
        Optional<Reworded> rew = reworded.isEmpty() ? Optional.empty() : Optional.of(new Reworded(
                reworded.stream().mapToInt(Reworded::questions).sum(),
                sum(reworded, Reworded::benchmarksBare), sum(reworded, Reworded::benchmarksFinal),
                sum(reworded, Reworded::rewordedBare), sum(reworded, Reworded::rewordedFinal)));
        return new Total(results.size(), results.stream().mapToInt(ScenarioResult::questions).sum(),
                sum(results, r -> r.baseline().orElse(none)), sum(results, r -> r.result().orElse(none)),
                sumInt(results, ScenarioResult::fixesApplied), sumInt(results, ScenarioResult::fixesRolledBack),
                withCeiling.size(), sum(withCeiling, r -> r.ceiling().orElseThrow()),
                sum(withCeiling, r -> r.result().orElse(new Score(0, r.questions()))),
                (int) withCeiling.stream().filter(r -> r.shareOfCeiling().orElse(0.0) >= CEILING_BAR).count(), rew);
    }

    /** The tables as Markdown: one line per scenario and a total line; then the reworded questions, if any. */
    public static String markdown(List<ScenarioResult> results, int iterations) {
        StringBuilder b = new StringBuilder();
        b.append("| scenario | questions | baseline | ceiling |");
        for (int i = 1; i <= iterations; i++) {
            b.append(" iteration ").append(i).append(" |");
        }
        b.append(" fixes applied / rolled back | final | final ÷ ceiling | outcome |\n|---|---:|---:|---:|");
        b.append("---:|".repeat(iterations)).append("---:|---:|---:|---|\n");
        for (ScenarioResult r : results) {
            b.append("| ").append(r.scenario()).append(" | ").append(r.questions()).append(" | ")
                    .append(cell(r.baseline())).append(" | ").append(cell(r.ceiling())).append(" |");
            for (int i = 1; i <= iterations; i++) {
                b.append(' ').append(iterationCell(r, i)).append(" |");
            }
            b.append(' ').append(r.fixesApplied()).append(" / ").append(r.fixesRolledBack()).append(" | ")
                    .append(cell(r.result())).append(" | ").append(percent(r.shareOfCeiling())).append(" | ")
                    .append(r.outcome()).append(" |\n");
        }
        Total t = total(results);
        b.append("| **total** (").append(t.scenarios()).append(") | ").append(t.questions()).append(" | ")
                .append(cell(Optional.of(t.baseline()))).append(" | ")
                .append(t.withCeiling() == 0 ? "–" : t.ceiling() + " (" + t.withCeiling() + " with one)").append(" |")
                .append(" |".repeat(iterations)).append(' ').append(t.fixesApplied()).append(" / ")
                .append(t.fixesRolledBack()).append(" | ").append(cell(Optional.of(t.result()))).append(" | ")
                .append(percent(t.shareOfCeiling())).append(" | ").append(t.atCeilingBar()).append(" of ")
                .append(t.withCeiling()).append(String.format(Locale.ROOT, " at ≥ %.0f %% of ceiling |%n", CEILING_BAR * 100));

        List<ScenarioResult> reworded = results.stream().filter(r -> r.reworded().isPresent()).toList();
        if (!reworded.isEmpty()) {
            b.append("\n| scenario | reworded questions | benchmarks: bare → final | reworded: bare → final | gain kept |\n")
                    .append("|---|---:|---:|---:|---:|\n");
            for (ScenarioResult r : reworded) {
                b.append(rewordedLine(r.scenario(), r.reworded().orElseThrow()));
            }
            b.append(rewordedLine("**total**", t.reworded().orElseThrow()));
        }
        return b.toString();
    }

    private static String rewordedLine(String name, Reworded w) {
        return "| " + name + " | " + w.questions() + " | " + cell(Optional.of(w.benchmarksBare())) + " → "
                + cell(Optional.of(w.benchmarksFinal())) + " | " + cell(Optional.of(w.rewordedBare())) + " → "
                + cell(Optional.of(w.rewordedFinal())) + " | " + percent(w.gainKept()) + " |\n";
    }

    private static String iterationCell(ScenarioResult r, int i) {
        return r.iterations().stream().filter(it -> it.iteration() == i).findFirst().map(it -> {
            String score = it.score().map(s -> cell(Optional.of(s))).orElse(it.status().equals("NO_FIXES") ? "no fixes" : "–");
            return it.rolledBack() ? score + " (rolled back)" : score;
        }).orElse("–");
    }

    static String cell(Optional<Score> s) {
        return s.map(x -> x + String.format(Locale.ROOT, " (%.1f %%)", x.share() * 100)).orElse("–");
    }

    static String percent(Optional<Double> share) {
        return share.map(x -> String.format(Locale.ROOT, "%.1f %%", x * 100)).orElse("–");
    }

    /** The same figures as JSON, for tools. */
    public static ObjectNode json(List<ScenarioResult> results, String command) {
        ObjectNode root = Json.MAPPER.createObjectNode().put("command", command);
        ArrayNode list = root.putArray("scenarios");
        for (ScenarioResult r : results) {
            ObjectNode o = list.addObject().put("scenario", r.scenario()).put("questions", r.questions())
                    .put("outcome", r.outcome());
            score(o, "baseline", r.baseline());
            score(o, "ceiling", r.ceiling());
            ArrayNode its = o.putArray("iterations");
            for (Iteration it : r.iterations()) {
                ObjectNode n = its.addObject().put("iteration", it.iteration()).put("status", it.status())
                        .put("fixesApplied", it.fixesApplied()).put("rolledBack", it.rolledBack());
                score(n, "score", it.score());
            }
            o.put("fixesApplied", r.fixesApplied()).put("fixesRolledBack", r.fixesRolledBack());
            score(o, "final", r.result());
            r.shareOfCeiling().ifPresent(x -> o.put("finalShareOfCeiling", x));
            r.reworded().ifPresent(w -> reworded(o.putObject("reworded"), w));
        }
        Total t = total(results);
        ObjectNode total = root.putObject("total").put("scenarios", t.scenarios()).put("questions", t.questions())
                .put("fixesApplied", t.fixesApplied()).put("fixesRolledBack", t.fixesRolledBack())
                .put("scenariosWithCeiling", t.withCeiling()).put("scenariosAtCeilingBar", t.atCeilingBar());
        score(total, "baseline", Optional.of(t.baseline()));
        score(total, "final", Optional.of(t.result()));
        score(total, "ceiling", Optional.of(t.ceiling()));
        t.shareOfCeiling().ifPresent(x -> total.put("finalShareOfCeiling", x));
        t.reworded().ifPresent(w -> reworded(total.putObject("reworded"), w));
        return root;
    }

    private static void reworded(ObjectNode o, Reworded w) {
        o.put("questions", w.questions());
        score(o, "benchmarksBare", Optional.of(w.benchmarksBare()));
        score(o, "benchmarksFinal", Optional.of(w.benchmarksFinal()));
        score(o, "rewordedBare", Optional.of(w.rewordedBare()));
        score(o, "rewordedFinal", Optional.of(w.rewordedFinal()));
        w.gainKept().ifPresent(x -> o.put("gainKept", x));
    }

    private static void score(ObjectNode o, String field, Optional<Score> s) {
        s.ifPresent(x -> o.putObject(field).put("correct", x.correct()).put("of", x.of()).put("share", x.share()));
    }

    private static <T> Score sum(List<T> items, Function<T, Score> f) {
        return items.stream().map(f).reduce(new Score(0, 0), Score::plus);
    }

    private static <T> int sumInt(List<T> items, ToIntFunction<T> f) {
        return items.stream().mapToInt(f).sum();
    }
}
