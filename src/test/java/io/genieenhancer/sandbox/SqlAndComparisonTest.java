package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.eval.ResultComparison;
import io.genieenhancer.sandbox.sql.DatabricksSql;
import io.genieenhancer.sandbox.sql.QueryResult;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.sandbox.sql.SqlFailure;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Databricks SQL on H2, and the result-set comparison of the sandbox's eval runs. */
class SqlAndComparisonTest {

    final DatabricksSql dialect = new DatabricksSql("main");

    @Test
    void threeLevelNamesLoseTheCatalogAndBackticksBecomeQuotedIdentifiers() {
        assertEquals("SELECT o.\"ord_dt\" FROM retail.orders o JOIN \"retail\".\"stores\" s",
                dialect.toH2("SELECT o.`ord_dt` FROM main.retail.orders o JOIN `main`.`retail`.`stores` s"));
        assertEquals("CREATE SCHEMA IF NOT EXISTS retail", dialect.toH2("CREATE SCHEMA IF NOT EXISTS main.retail"));
        assertEquals("SELECT main.x FROM t main", dialect.toH2("SELECT main.x FROM t main"), "a two-part name is an alias, not a catalog");
    }

    @Test
    void doubleQuotedTextIsAStringLiteralAsInDatabricks() {
        assertEquals("SELECT 'It''s' WHERE a = 'b'", dialect.toH2("SELECT \"It's\" WHERE a = 'b'"));
    }

    @Test
    void functionsH2LacksAreRewrittenWithTheirArguments() {
        assertEquals("SELECT CASEWHEN(a > 1, 'x', 'y')", dialect.toH2("SELECT IF(a > 1, 'x', 'y')"));
        assertEquals("SELECT DATEADD('DAY', 7, d)", dialect.toH2("SELECT DATE_ADD(d, 7)"));
        assertEquals("SELECT DATEADD('DAY', -(7), d)", dialect.toH2("SELECT DATE_SUB(d, 7)"));
        assertEquals("SELECT DATEDIFF('DAY', s, e)", dialect.toH2("SELECT DATEDIFF(e, s)"));
        assertEquals("SELECT CAST(x AS VARCHAR)", dialect.toH2("SELECT CAST(x AS STRING)"));
        assertEquals("SELECT CASEWHEN(CASEWHEN(a, 1, 2) > 1, 3, 4)", dialect.toH2("SELECT IF(IF(a, 1, 2) > 1, 3, 4)"));
    }

    @Test
    void aPinnedTodayReplacesEveryClockFunctionButNotColumnsOrCallsWithArguments() {
        DatabricksSql pinned = new DatabricksSql("main", Optional.of(LocalDate.of(2024, 6, 15)));
        assertEquals("SELECT DATE '2024-06-15', DATE '2024-06-15', TIMESTAMP '2024-06-15 00:00:00', TIMESTAMP '2024-06-15 00:00:00'",
                pinned.toH2("SELECT CURRENT_DATE, current_date(), NOW(), CURRENT_TIMESTAMP"));
        assertEquals("SELECT t.now, 'CURRENT_DATE' FROM t", pinned.toH2("SELECT t.now, 'CURRENT_DATE' FROM t"));
        assertEquals("SELECT CURRENT_DATE", dialect.toH2("SELECT CURRENT_DATE"), "no pinned date: the clock stays");
    }

    @Test
    void stringLiteralsAndCommentsAreNeverRewritten() {
        assertEquals("SELECT 'main.retail.orders IF(' -- main.retail.x", dialect.toH2("SELECT 'main.retail.orders IF(' -- main.retail.x"));
    }

    @Test
    void databricksFunctionsTheScenariosUseRunOnH2() throws SqlFailure {
        try (SandboxDatabase db = SandboxDatabase.create("main")) {
            QueryResult r = db.query("SELECT DATE_TRUNC('MONTH', DATE '2024-03-17') AS month, YEAR(DATE '2024-03-17') AS year, "
                    + "DATE_TRUNC('QUARTER', DATE '2024-05-05') AS q, DATEDIFF(DATE '2024-02-01', DATE '2024-01-01') AS days", 10);
            assertEquals(List.of("2024-03-01", "2024", "2024-04-01", "31"), r.rows().get(0));
            assertEquals(List.of("DATE", "INT", "DATE", "LONG"), r.columns().stream().map(QueryResult.Column::typeName).toList());
        }
    }

    @Test
    void resultsMatchWhateverTheRowAndColumnOrder() {
        QueryResult expected = result(List.of("region", "revenue"), row("EMEA", "10.50"), row("AMER", "3"));
        QueryResult actual = result(List.of("revenue", "region"), row("3.0000", "AMER"), row("10.5", "EMEA"));
        assertTrue(ResultComparison.compare(expected, actual).good());
    }

    @Test
    void numbersAreComparedRoundedToFourDecimals() {
        assertTrue(ResultComparison.compare(result(List.of("x"), row("0.333333333")), result(List.of("x"), row("0.33333"))).good());
        assertFalse(ResultComparison.compare(result(List.of("x"), row("0.3333")), result(List.of("x"), row("0.3334"))).good());
    }

    @Test
    void differencesAreReportedWithTheApisScoreReasons() {
        QueryResult expected = result(List.of("a", "b"), row("1", "2"), row("3", "4"));
        assertEquals(List.of("EMPTY_RESULT"), ResultComparison.compare(expected, result(List.of("a", "b"))).reasons());
        assertEquals(List.of("RESULT_MISSING_ROWS"), ResultComparison.compare(expected, result(List.of("a", "b"), row("1", "2"))).reasons());
        assertEquals(List.of("RESULT_EXTRA_ROWS"),
                ResultComparison.compare(expected, result(List.of("a", "b"), row("1", "2"), row("3", "4"), row("5", "6"))).reasons());
        assertEquals(List.of("RESULT_MISSING_COLUMNS", "RESULT_MISSING_ROWS"),
                ResultComparison.compare(expected, result(List.of("a"), row("1"))).reasons());
        assertEquals(List.of("SINGLE_CELL_DIFFERENCE"),
                ResultComparison.compare(result(List.of("n"), row("7")), result(List.of("n"), row("8"))).reasons());
        assertEquals(ResultComparison.Assessment.NEEDS_REVIEW, ResultComparison.groundTruthFailed().assessment());
    }

    @Test
    void nullIsNotTheEmptyStringOrTheTextNull() {
        assertFalse(ResultComparison.compare(result(List.of("x"), row((String) null)), result(List.of("x"), row(""))).good());
        assertFalse(ResultComparison.compare(result(List.of("x"), row((String) null)), result(List.of("x"), row("null"))).good());
    }

    @Test
    void aScriptIsSplitIntoStatementsWithTheirStartLines() {
        var parts = io.genieenhancer.sandbox.sql.SqlLexer.splitStatements("-- c\nCREATE TABLE a (x INT);\n\nINSERT INTO a VALUES (';');\n");
        assertEquals(2, parts.size());
        assertEquals(2, parts.get(0).line());
        assertEquals(4, parts.get(1).line());
        assertEquals("INSERT INTO a VALUES (';')", parts.get(1).sql());
        assertThrows(io.genieenhancer.sandbox.sql.SqlLexer.LexException.class,
                () -> io.genieenhancer.sandbox.sql.SqlLexer.splitStatements("SELECT 'open"));
    }

    private static List<String> row(String... values) {
        return Arrays.asList(values);
    }

    @SafeVarargs
    private static QueryResult result(List<String> names, List<String>... rows) {
        List<QueryResult.Column> cols = new java.util.ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            cols.add(new QueryResult.Column(names.get(i), "STRING", "STRING", i));
        }
        return new QueryResult(cols, List.of(rows), false);
    }
}
