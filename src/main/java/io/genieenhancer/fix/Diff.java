package io.genieenhancer.fix;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The human-readable difference an apply made, per table / column / instruction and field, with the fixes
 * (reasoning and question ids) that caused each change. Several fixes on one field (three synonyms for one
 * column) are one entry from the first "before" to the last "after".
 */
@RegisterForReflection
public record Diff(List<Entry> entries) {

    private static final int SHOWN_CHARS = 300;

    @RegisterForReflection
    public record Entry(Change.Kind kind, String section, String target, String field, String before, String after,
                        List<Cause> causes) {
        public Entry {
            causes = List.copyOf(causes);
        }
    }

    /** One fix behind an entry. */
    @RegisterForReflection
    public record Cause(String type, String value, Confidence confidence, FixSource source, List<String> questionIds,
                        List<String> reasoning) {
    }

    public Diff {
        entries = List.copyOf(entries);
    }

    static Diff of(List<FixOutcome> outcomes) {
        Map<String, List<FixOutcome>> groups = new LinkedHashMap<>();
        for (FixOutcome o : outcomes) {
            if (o.applied()) {
                Change c = o.change();
                groups.computeIfAbsent(c.section() + "\u0000" + c.target() + "\u0000" + c.field(), k -> new ArrayList<>()).add(o);
            }
        }
        List<Entry> entries = new ArrayList<>(groups.size());
        for (List<FixOutcome> g : groups.values()) {
            Change first = g.get(0).change();
            Change last = g.get(g.size() - 1).change();
            Change merged = Change.of(first.section(), first.target(), first.field(), first.before(), last.after());
            if (merged.kind() == Change.Kind.NONE) {
                continue; // steps that cancel out are no change
            }
            List<Cause> causes = g.stream().map(o -> new Cause(o.fix().type(), o.fix().value(), o.fix().meta().confidence(),
                    o.fix().meta().source(), o.fix().meta().questionIds(), o.fix().meta().reasoning())).toList();
            entries.add(new Entry(merged.kind(), merged.section(), merged.target(), merged.field(), merged.before(),
                    merged.after(), causes));
        }
        entries.sort(Comparator.comparingInt((Entry e) -> SECTIONS.indexOf(e.section())).thenComparing(Entry::target));
        return new Diff(entries);
    }

    /** Reading order of a diff: data sources first, then instructions. */
    private static final List<String> SECTIONS = List.of("table", "column", "join_spec", "example_sql", "sql_snippet",
            "text_instruction", "instruction");

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Plain text, for logs. */
    public String text() {
        StringBuilder b = new StringBuilder(summary()).append('\n');
        String heading = null;
        for (Entry e : entries) {
            String h = e.section() + " " + e.target();
            if (!h.equals(heading)) {
                b.append('\n').append(h).append('\n');
                heading = h;
            }
            String field = e.field().isEmpty() ? "" : e.field() + ": ";
            switch (e.kind()) {
                case ADDED -> b.append("  + ").append(field).append(shown(e.after()));
                case REMOVED -> b.append("  - ").append(field).append(shown(e.before()));
                default -> b.append("  ~ ").append(field).append(shown(e.before())).append("  ->  ").append(shown(e.after()));
            }
            b.append('\n');
            for (Cause c : e.causes()) {
                b.append("    because ").append(c.type()).append(" (").append(c.confidence().json()).append(", ")
                        .append(c.source().json()).append(questions(c)).append(")");
                if (!c.reasoning().isEmpty()) {
                    b.append(": ").append(oneLine(String.join(" / ", c.reasoning())));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** Markdown, for the run report. */
    public String markdown() {
        StringBuilder b = new StringBuilder("**").append(summary()).append("**\n");
        String heading = null;
        for (Entry e : entries) {
            String h = e.section() + " " + e.target();
            if (!h.equals(heading)) {
                b.append("\n#### ").append(e.section().replace('_', ' ')).append(' ').append(code(e.target())).append("\n\n");
                heading = h;
            }
            String field = e.field().isEmpty() ? "" : "**" + e.field() + "** ";
            switch (e.kind()) {
                case ADDED -> b.append("- ").append(field).append("added: ").append(code(e.after()));
                case REMOVED -> b.append("- ").append(field).append("removed: ").append(code(e.before()));
                default -> b.append("- ").append(field).append("changed: ").append(code(e.before())).append(" → ").append(code(e.after()));
            }
            b.append('\n');
            for (Cause c : e.causes()) {
                b.append("  - `").append(c.type()).append("` (").append(c.confidence().json()).append(", ").append(c.source().json())
                        .append(questions(c)).append(")");
                if (!c.reasoning().isEmpty()) {
                    b.append(": ").append(escape(oneLine(String.join(" / ", c.reasoning()))));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    public String summary() {
        int added = 0;
        int changed = 0;
        int removed = 0;
        Set<String> targets = new LinkedHashSet<>();
        for (Entry e : entries) {
            targets.add(e.section() + " " + e.target());
            switch (e.kind()) {
                case ADDED -> added++;
                case REMOVED -> removed++;
                default -> changed++;
            }
        }
        return entries.size() + " change(s) on " + targets.size() + " item(s): " + added + " added, " + changed + " changed, "
                + removed + " removed";
    }

    private static String questions(Cause c) {
        return c.questionIds().isEmpty() ? "" : "; questions " + String.join(", ", c.questionIds());
    }

    private static String shown(String s) {
        String one = oneLine(s);
        return one.isEmpty() ? "(empty)" : "\"" + one + "\"";
    }

    private static String oneLine(String s) {
        String t = s.strip().replace("\r", "").replace("\n", " ⏎ ");
        return t.length() <= SHOWN_CHARS ? t : t.substring(0, SHOWN_CHARS - 3) + "...";
    }

    private static String code(String s) {
        String t = oneLine(s);
        if (t.isEmpty()) {
            return "(empty)";
        }
        return t.contains("`") ? "`` " + t + " ``" : "`" + t + "`";
    }

    /** Reasoning is model-written: keep it from turning into markdown structure or HTML in the report. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;").replace("[", "\\[").replace("]", "\\]")
                .replace("*", "\\*").replace("_", "\\_").replace("#", "\\#").replace("`", "\\`");
    }
}
