package io.genieenhancer.report;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a {@link RunReport} as Markdown and as one self-contained HTML page (inline SVG chart, no scripts). */
public final class ReportRenderer {

    private ReportRenderer() {
    }

    public static String percent(Double score) {
        return score == null ? "–" : String.format(Locale.ROOT, "%.1f %%", score * 100);
    }

    static String byType(Map<String, Integer> m) {
        return m == null || m.isEmpty() ? "–" : m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String totalTime(RunReport r) {
        if (r.startedAt() == null || r.finishedAt() == null) {
            return "–";
        }
        Duration d = Duration.between(r.startedAt(), r.finishedAt());
        return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }

    public static String markdown(RunReport r) {
        StringBuilder b = new StringBuilder();
        b.append("# Enhancement run ").append(r.runId()).append("\n\n");
        b.append("- space: `").append(r.spaceId()).append("`\n");
        b.append("- outcome: **").append(r.outcome()).append("**");
        if (r.error() != null) {
            b.append(" — ").append(r.error());
        }
        b.append("\n- score: ").append(percent(r.tally().baselineScore())).append(" → ").append(percent(r.tally().finalScore())).append('\n');
        b.append("- iterations: ").append(r.tally().iterations()).append("; fixes applied: ").append(r.tally().fixesApplied())
                .append(", rolled back: ").append(r.tally().fixesRolledBack()).append('\n');
        b.append("- total time: ").append(totalTime(r)).append("\n\n");
        b.append("| iteration | score | verdict | fixes applied by type | rolled back |\n|---|---|---|---|---|\n");
        for (RunReport.IterationRow row : r.rows()) {
            b.append("| ").append(row.iteration()).append(" | ").append(percent(row.score()))
                    .append(row.correct() == null ? "" : " (" + row.correct() + "/" + row.scorable() + ")")
                    .append(" | ").append(row.verdict() == null ? "–" : row.verdict())
                    .append(" | ").append(byType(row.byType()))
                    .append(" | ").append(row.rolledBack() ? "yes" : "no").append(" |\n");
        }
        if (!r.flakyQuestions().isEmpty()) {
            b.append("\nFlaky questions (reported, not fixed): ").append(String.join(", ", r.flakyQuestions())).append('\n');
        }
        if (!r.notScorableQuestions().isEmpty()) {
            b.append("\nNot scorable (ground truth failed; excluded from the score): ")
                    .append(String.join(", ", r.notScorableQuestions())).append('\n');
        }
        b.append("\n## Fixes\n\n| it. | type | target | value | confidence | source | outcome | questions | reasoning |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        for (RunReport.FixRow f : r.fixes()) {
            b.append("| ").append(f.iteration()).append(" | ").append(f.type()).append(" | ").append(cell(f.target()))
                    .append(" | ").append(cell(f.value())).append(" | ").append(f.confidence()).append(" | ").append(f.source())
                    .append(" | ").append(f.rolledBack() ? "ROLLED_BACK" : f.outcome().equals("NOT_APPLIED") ? f.status() : f.outcome())
                    .append(" | ").append(String.join(", ", f.questionIds())).append(" | ")
                    .append(cell(String.join(" / ", f.reasoning()))).append(" |\n");
        }
        r.diffs().forEach((it, diff) -> b.append("\n## Config diff, iteration ").append(it).append("\n\n").append(diff).append('\n'));
        return b.toString();
    }

    private static String cell(String s) {
        String one = s == null ? "" : s.replace("\n", " ").replace("|", "\\|");
        return one.length() > 160 ? one.substring(0, 157) + "…" : one;
    }

    public static String html(RunReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Enhancement run ")
                .append(esc(r.runId())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px;color:#222}")
                .append("table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top}")
                .append("th{background:#f3f3f3}.rb{color:#b00}.ok{color:#070}pre{background:#f7f7f7;padding:1rem;overflow:auto;font-size:.8rem}")
                .append("</style></head><body>");
        b.append("<h1>Enhancement run ").append(esc(r.runId())).append("</h1>");
        b.append("<p>Space <code>").append(esc(r.spaceId())).append("</code> — outcome <b>").append(esc(r.outcome()))
                .append("</b>").append(r.error() == null ? "" : " — " + esc(r.error())).append("<br>Score ")
                .append(percent(r.tally().baselineScore())).append(" → <b>").append(percent(r.tally().finalScore())).append("</b>, ")
                .append(r.tally().iterations()).append(" iteration(s), ").append(r.tally().fixesApplied()).append(" fixes applied, ")
                .append(r.tally().fixesRolledBack()).append(" rolled back, total time ").append(totalTime(r)).append("</p>");
        b.append(chart(r.rows()));
        b.append("<table><tr><th>iteration</th><th>score</th><th>verdict</th><th>fixes applied by type</th><th>rolled back</th></tr>");
        for (RunReport.IterationRow row : r.rows()) {
            b.append("<tr><td>").append(row.iteration()).append("</td><td>").append(percent(row.score())).append("</td><td>")
                    .append(esc(row.verdict() == null ? "–" : row.verdict())).append("</td><td>").append(esc(byType(row.byType())))
                    .append("</td><td class=\"").append(row.rolledBack() ? "rb\">yes" : "ok\">no").append("</td></tr>");
        }
        b.append("</table><h2>Fixes</h2><table><tr><th>it.</th><th>type</th><th>target</th><th>value</th><th>confidence</th>")
                .append("<th>source</th><th>outcome</th><th>questions</th><th>reasoning</th></tr>");
        for (RunReport.FixRow f : r.fixes()) {
            String outcome = f.rolledBack() ? "ROLLED_BACK" : f.outcome().equals("NOT_APPLIED") ? f.status() : f.outcome();
            b.append("<tr><td>").append(f.iteration()).append("</td><td>").append(esc(f.type())).append("</td><td>")
                    .append(esc(f.target())).append("</td><td>").append(esc(f.value())).append("</td><td>")
                    .append(esc(f.confidence())).append("</td><td>").append(esc(f.source())).append("</td><td")
                    .append(f.rolledBack() ? " class=\"rb\"" : "").append(">").append(esc(outcome)).append("</td><td>")
                    .append(esc(String.join(", ", f.questionIds()))).append("</td><td>")
                    .append(esc(String.join(" / ", f.reasoning()))).append("</td></tr>");
        }
        b.append("</table>");
        r.diffs().forEach((it, diff) -> b.append("<h2>Config diff, iteration ").append(it).append("</h2><pre>")
                .append(esc(diff)).append("</pre>"));
        return b.append("</body></html>\n").toString();
    }

    /** Score per iteration as an inline SVG line chart (0–100 %). */
    static String chart(List<RunReport.IterationRow> rows) {
        List<RunReport.IterationRow> scored = rows.stream().filter(r -> r.score() != null).toList();
        int w = 600;
        int h = 240;
        int pad = 40;
        StringBuilder b = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
                + "\" role=\"img\" aria-label=\"score per iteration\">");
        b.append("<rect x=\"0\" y=\"0\" width=\"").append(w).append("\" height=\"").append(h).append("\" fill=\"#fff\"/>");
        for (int p = 0; p <= 100; p += 25) {
            double y = h - pad - (h - 2 * pad) * p / 100.0;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>", pad, y, w - pad, y));
            b.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%.1f\" font-size=\"11\">%d%%</text>", y + 4, p));
        }
        int n = Math.max(1, scored.size() - 1);
        StringBuilder path = new StringBuilder();
        for (int k = 0; k < scored.size(); k++) {
            RunReport.IterationRow row = scored.get(k);
            double x = pad + (w - 2 * pad) * (scored.size() == 1 ? 0.5 : (double) k / n);
            double y = h - pad - (h - 2 * pad) * row.score();
            path.append(k == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            b.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>", x, y,
                    row.rolledBack() ? "#b00" : "#06c"));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">it. %d</text>",
                    x, h - 12, row.iteration()));
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%s</text>",
                    x, y - 8, percent(row.score())));
        }
        if (!scored.isEmpty()) {
            b.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#06c\" stroke-width=\"2\"/>");
        }
        return b.append("</svg>").toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
