package io.genieenhancer.bench;

import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixMeta;
import io.genieenhancer.fix.FixSource;
import io.genieenhancer.fix.Relationship;
import io.genieenhancer.fix.SnippetKind;
import io.genieenhancer.space.Extras;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.BenchmarkAnswer;
import io.genieenhancer.space.SpaceConfig.BenchmarkQuestion;
import io.genieenhancer.space.SpaceConfig.Benchmarks;
import io.genieenhancer.space.SpaceConfig.ColumnConfig;
import io.genieenhancer.space.SpaceConfig.DataSources;
import io.genieenhancer.space.SpaceConfig.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Synthetic wide spaces and realistic fix batches for the benchmark and the scale tests: {@code tables}
 * tables {@code main.s<k>.t<i>} with {@code columns} columns {@code c<j>}, and batches that look like what
 * the analysers produce after a bad evaluation (mostly synonyms and descriptions, repeated across
 * failures, some joins, examples and snippets, a few bad ones).
 */
public final class SpaceGenerator {

    private SpaceGenerator() {
    }

    public static String table(int i) {
        return "main.s" + (i % 10) + ".t" + i;
    }

    public static SpaceConfig space(int tables, int columns, int benchmarks) {
        List<Table> ts = new ArrayList<>(tables);
        for (int i = 0; i < tables; i++) {
            List<ColumnConfig> cols = new ArrayList<>(columns);
            for (int j = 0; j < columns; j++) {
                cols.add(new ColumnConfig("c" + j, List.of(), j == 0 ? List.of("key of t" + i) : List.of(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Extras.none()));
            }
            ts.add(new Table(table(i), List.of(), cols, Extras.none()));
        }
        List<BenchmarkQuestion> qs = new ArrayList<>(benchmarks);
        for (int b = 0; b < benchmarks; b++) {
            String id = String.format("%032x", 1_000_000L + b);
            qs.add(new BenchmarkQuestion(id, List.of("What is the total of c" + (b % columns) + " in table " + b + "?"),
                    List.of(new BenchmarkAnswer("SQL", List.of("SELECT SUM(t.c" + (b % columns) + ") FROM " + table(b % tables)
                            + " t WHERE t.c1 > " + b), Extras.none())), Extras.none()));
        }
        return SpaceConfig.empty().withDataSources(new DataSources(ts, List.of(), Extras.none()))
                .withBenchmarks(new Benchmarks(qs, Extras.none()));
    }

    /**
     * {@code n} proposals against a {@link #space}: 55% synonyms (a third of them repeats of another
     * failure's proposal, some case/plural variants), 15% column descriptions, 8% entity matching, 5% table
     * descriptions, 5% joins, 5% example SQLs, 4% snippets, 3% invalid (unknown column, bad SQL).
     */
    public static List<Fix> fixes(int n, int tables, int columns, long seed) {
        Random r = new Random(seed);
        List<Fix> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int t = r.nextInt(tables);
            int c = 1 + r.nextInt(columns - 1);
            FixMeta meta = new FixMeta(List.of("q" + r.nextInt(500)), List.of("failure " + k + " asked for it"),
                    Confidence.values()[r.nextInt(3)], r.nextBoolean() ? FixSource.LLM : FixSource.RULE);
            int roll = r.nextInt(100);
            Fix f;
            if (roll < 55) {
                if (roll < 18 && !out.isEmpty() && out.get(out.size() - 1) instanceof Fix.AddSynonym prev) {
                    f = new Fix.AddSynonym(prev.table(), prev.column(), prev.synonym().toUpperCase() + "s", meta);
                } else {
                    f = new Fix.AddSynonym(table(t), "c" + c, "name " + t + " " + c + (r.nextBoolean() ? "" : " alt"), meta);
                }
            } else if (roll < 70) {
                f = new Fix.SetColumnDescription(table(t), "c" + c, "Column " + c + " of table " + t + ": measured in units", meta);
            } else if (roll < 78) {
                f = new Fix.EnableEntityMatching(table(t), "c" + c, true, meta);
            } else if (roll < 83) {
                f = new Fix.SetTableDescription(table(t), "Table " + t + " holds one row per thing", meta);
            } else if (roll < 88) {
                int u = (t + 1 + r.nextInt(tables - 1)) % tables;
                f = new Fix.AddJoinSpec(table(t), "a", table(u), "b", "a.c" + c + " = b.c0", Relationship.MANY_TO_ONE, "", "", meta);
            } else if (roll < 93) {
                f = new Fix.AddExampleSql("How many rows of table " + t + " have c" + c + " above " + k + "?",
                        "SELECT COUNT(*) AS n FROM " + table(t) + " x WHERE x.c" + c + " > " + k + " AND x.c0 IS NOT NULL", "", meta);
            } else if (roll < 97) {
                f = new Fix.AddSqlSnippet(SnippetKind.MEASURE, "Total c" + c + " of t" + t, "", "SUM(t" + t + ".c" + c + ")",
                        List.of(), "", meta);
            } else if (roll < 99) {
                f = new Fix.AddSynonym(table(t), "no_such_column", "ghost " + k, meta);
            } else {
                f = new Fix.AddExampleSql("Broken " + k, "SELEC x FROM nowhere", "", meta);
            }
            out.add(f);
        }
        return out;
    }
}
