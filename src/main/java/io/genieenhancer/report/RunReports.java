package io.genieenhancer.report;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.cycle.IterationRecord;
import io.genieenhancer.cycle.IterationRecords;
import io.genieenhancer.evaluation.Evaluation;
import io.genieenhancer.evaluation.EvaluationJson;
import io.genieenhancer.evaluation.QuestionSummary;
import io.genieenhancer.fix.FixLog;
import io.genieenhancer.json.Json;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds a {@link RunReport} from what the run left in the run store. */
public final class RunReports {

    /** Far more than a run does; bounds the scan when iterations are missing. */
    static final int MAX_ITERATIONS = 100;

    private RunReports() {
    }

    public static RunReport build(RunStore store, String spaceId, String runId, String outcome, String error,
            Instant finishedAt) {
        List<RunReport.IterationRow> rows = new ArrayList<>();
        List<RunReport.FixRow> fixes = new ArrayList<>();
        Map<Integer, String> diffs = new TreeMap<>();
        Double baseline = null;
        Double current = null;
        Instant started = null;
        int applied = 0;
        int rolledBack = 0;
        LinkedHashSet<String> flaky = new LinkedHashSet<>();
        LinkedHashSet<String> notScorable = new LinkedHashSet<>();
        for (int i = 0; i <= MAX_ITERATIONS; i++) {
            Optional<Evaluation> eval = evaluation(store, spaceId, runId, i);
            Optional<IterationRecord> rec = i == 0 ? Optional.empty()
                    : IterationRecords.read(store, RunKeys.fixes(spaceId, runId, i));
            if (eval.isEmpty() && rec.isEmpty()) {
                if (i > 0) {
                    break;
                }
                continue;
            }
            Double score = eval.map(Evaluation::score).orElse(null);
            eval.ifPresent(e -> {
                e.flaky().stream().map(QuestionSummary::questionId).forEach(flaky::add);
                e.notScorable().stream().map(QuestionSummary::questionId).forEach(notScorable::add);
            });
            if (i == 0) {
                baseline = score;
            }
            boolean undone = rec.map(r -> r.status() == IterationRecord.Status.ROLLED_BACK).orElse(false);
            if (score != null && !undone) {
                current = score;
            }
            if (started == null) {
                started = rec.map(r -> r.timing().startedAt()).orElse(eval.flatMap(Evaluation::startedAt).orElse(null));
            }
            int n = rec.map(r -> r.counts().fixesApplied()).orElse(0);
            applied += n;
            if (undone) {
                rolledBack += n;
            }
            final int iteration = i;
            rec.ifPresent(r -> {
                if (r.diffMarkdown() != null && !r.diffMarkdown().isBlank()) {
                    diffs.put(iteration, r.diffMarkdown());
                }
                if (r.fixLog() != null) {
                    for (FixLog.Entry e : r.fixLog().entries()) {
                        fixes.add(new RunReport.FixRow(iteration, e.type(), e.target(), e.value(), e.meta().reasoning(),
                                e.meta().questionIds(), String.valueOf(e.meta().confidence()), String.valueOf(e.meta().source()),
                                String.valueOf(e.status()), String.valueOf(e.outcome()),
                                undone && e.outcome() == FixLog.Outcome.APPLIED));
                    }
                }
            });
            rows.add(new RunReport.IterationRow(i, score, eval.map(e -> e.summary().correct()).orElse(null),
                    eval.map(e -> e.summary().scorable()).orElse(null), verdict(store, spaceId, runId, i),
                    rec.map(r -> r.status().name()).orElse(null), n, rec.map(r -> r.counts().byType()).orElse(Map.of()),
                    undone, rec.map(r -> r.write().indexingWaitSeconds()).orElse(null),
                    rec.map(r -> r.analysed().llmUsage() == null ? null : r.analysed().llmUsage().promptTokens()).orElse(null),
                    rec.map(r -> r.analysed().llmUsage() == null ? null : r.analysed().llmUsage().completionTokens()).orElse(null)));
        }
        int iterations = (int) rows.stream().filter(r -> r.iteration() > 0).count();
        return new RunReport(spaceId, runId, outcome, error,
                new RunReport.Tally(baseline, current, iterations, applied, rolledBack), started,
                finishedAt, rows, fixes, diffs, List.copyOf(flaky), List.copyOf(notScorable));
    }

    private static Optional<Evaluation> evaluation(RunStore store, String spaceId, String runId, int i) {
        String key = RunKeys.evaluation(spaceId, runId, i);
        return store.get(key).map(c -> EvaluationJson.read(c.content(), key));
    }

    /** The judge's verdict for an iteration, when the judge ran (its document is the evaluation package's). */
    private static String verdict(RunStore store, String spaceId, String runId, int i) {
        return store.get(io.genieenhancer.evaluation.EvaluationKeys.judgement(spaceId, runId, i)).map(c -> {
            try {
                JsonNode n = Json.MAPPER.readTree(c.content());
                JsonNode v = n.has("judgement") ? n.get("judgement").get("verdict") : n.get("verdict");
                return v == null || v.isNull() ? null : v.asText();
            } catch (IOException e) {
                return null;
            }
        }).orElse(i == 0 ? "BASELINE" : null);
    }
}
