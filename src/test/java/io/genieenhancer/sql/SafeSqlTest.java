package io.genieenhancer.sql;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeSqlTest {

    @Test
    void ordinaryAnalyticQueriesAreReadOnly() {
        for (String sql : List.of(
                "SELECT region, SUM(amount) AS revenue FROM main.s.orders GROUP BY region ORDER BY revenue DESC LIMIT 5",
                "WITH m AS (SELECT DATE_TRUNC('MONTH', d) AS month, COUNT(*) AS n FROM main.s.t GROUP BY 1) "
                        + "SELECT month, n - LAG(n) OVER (ORDER BY month) AS change FROM m",
                "SELECT id, RANK() OVER (PARTITION BY g ORDER BY v DESC) FROM t WHERE d >= CURRENT_DATE - INTERVAL 30 DAYS",
                "SELECT CASE WHEN x > 1 THEN 'a' ELSE 'b' END, COALESCE(y, 0), CAST(z AS DOUBLE) FROM t",
                "SELECT c.name FROM c WHERE NOT EXISTS (SELECT 1 FROM o WHERE o.cid = c.id)")) {
            assertEquals(List.of(), SafeSql.readOnlyQueryProblems(sql), sql);
        }
    }

    @Test
    void writesAndSeveralStatementsAreNeverRun() {
        assertTrue(SafeSql.readOnlyQueryProblems("DROP TABLE main.s.orders").get(0).contains("read-only SELECT"));
        assertEquals(1, SafeSql.readOnlyQueryProblems("GRANT SELECT ON TABLE main.s.orders TO `x`").size());
        assertTrue(SafeSql.readOnlyQueryProblems("SELECT 1; DROP TABLE main.s.orders").get(0).contains("exactly one statement"));
        assertTrue(SafeSql.readOnlyQueryProblems("INSERT INTO t SELECT * FROM u").get(0).contains("read-only SELECT"));
        assertTrue(SafeSql.readOnlyQueryProblems("  ").get(0).contains("empty"));
        assertTrue(SafeSql.readOnlyQueryProblems("SELEC nothing").get(0).contains("does not parse"));
    }

    @Test
    void functionsWithReachAreRefusedEvenInsideSubqueriesAndWindows() {
        assertTrue(SafeSql.readOnlyQueryProblems("SELECT http_request('http://evil.example/x') FROM t").get(0)
                .contains("function http_request is not allowed"));
        assertTrue(SafeSql.readOnlyQueryProblems("SELECT a FROM t WHERE b IN (SELECT secret('s', 'k') FROM u)").get(0)
                .contains("secret"));
        assertTrue(SafeSql.readOnlyQueryProblems("SELECT * FROM read_files('s3://b/x')").get(0).contains("table function"));
        assertTrue(SafeSql.readOnlyQueryProblems("SELECT cat.sch.udf(a) FROM t").get(0).contains("udf is not allowed"));
        assertTrue(SafeSql.readOnlyQueryProblems("SELECT some_unknown_fn(a) FROM t").get(0).contains("some_unknown_fn"));
    }
}
