package io.genieenhancer.sandbox.convert;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PostgresToDatabricksTest {

    private final PostgresToDatabricks t = new PostgresToDatabricks("main",
            Map.of("sales", "car_dealership", "salespersons", "car_dealership", "users", "consumer_div"),
            Set.of("sale_date", "hire_date", "termination_date"));

    @Test
    void tablesGetTheirThreeLevelNameAndASchemaPrefixIsKept() {
        assertEquals("SELECT s.id FROM main.car_dealership.sales s JOIN main.consumer_div.users u ON s.id = u.uid",
                t.translate("SELECT s.id FROM sales s JOIN consumer_div.users u ON s.id = u.uid;"));
    }

    @Test
    void aCteOrColumnWithoutATableNameIsLeftAlone() {
        assertEquals("WITH x AS (SELECT 1 AS sales) SELECT sales FROM x", t.translate("WITH x AS (SELECT 1 AS sales) SELECT sales FROM x"));
    }

    @Test
    void intervalsBecomeAnsiIntervalsWithWeeksAsDays() {
        assertEquals("SELECT CURRENT_DATE - INTERVAL '30' DAY, CURRENT_DATE - INTERVAL '56' DAY, CURRENT_DATE - INTERVAL '3' MONTH, INTERVAL '1' YEAR",
                t.translate("SELECT CURRENT_DATE - INTERVAL '30 days', CURRENT_DATE - interval '8 weeks', CURRENT_DATE - INTERVAL '3 months', INTERVAL '1 year'"));
    }

    @Test
    void doubleColonCastsBecomeCastWithDatabricksTypes() {
        assertEquals("SELECT CAST(DATE_TRUNC('month', s.sale_date) AS DATE), CAST(x.n AS INT), CAST(a AS STRING)",
                t.translate("SELECT DATE_TRUNC('month', s.sale_date)::date, x.n::integer, a::text"));
    }

    @Test
    void dayOfWeekKeepsPostgresNumberingOnDatabricksDayofweek() {
        assertEquals("SELECT CAST((DAYOFWEEK(p.d) - 1) AS INT) IN (0, 6)", t.translate("SELECT EXTRACT( DOW FROM p.d )::int IN (0, 6)"));
    }

    @Test
    void epochOfADifferenceIsADifferenceOfUnixTimestamps() {
        assertEquals("SELECT AVG((UNIX_TIMESTAMP(e) - UNIX_TIMESTAMP(s))), UNIX_TIMESTAMP(e)",
                t.translate("SELECT AVG(EXTRACT(EPOCH FROM (e - s))), EXTRACT(EPOCH FROM e)"));
    }

    @Test
    void ageInYearsIsATimestampDiff() {
        assertEquals("SELECT AVG(TIMESTAMPDIFF(YEAR, dob, CURRENT_DATE))", t.translate("SELECT AVG(EXTRACT(YEAR FROM AGE(CURRENT_DATE, dob)))"));
    }

    @Test
    void extractOfYearStaysAsItIs() {
        assertEquals("SELECT EXTRACT(YEAR FROM s.sale_date)", t.translate("SELECT EXTRACT(YEAR FROM s.sale_date)"));
    }

    @Test
    void differenceOfTwoDateColumnsIsDatediffButOtherSubtractionsStay() {
        assertEquals("SELECT DATEDIFF(s.termination_date, s.hire_date) AS d, NULLIF((DATEDIFF(termination_date, hire_date)), 0), a - b",
                t.translate("SELECT s.termination_date - s.hire_date AS d, NULLIF((termination_date - hire_date), 0), a - b"));
    }

    @Test
    void toCharAndToDateBecomeDatabricksForms() {
        assertEquals("SELECT DATE_FORMAT(DATE_TRUNC('month', d), 'yyyy-MM'), CAST(cm.start_dt AS DATE)",
                t.translate("SELECT TO_CHAR(DATE_TRUNC('month', d), 'YYYY-MM'), TO_DATE(cm.start_dt, 'YYYY-MM-DD')"));
    }

    @Test
    void ilikeNullifAndNullsLastPassThrough() {
        String sql = "SELECT a FROM x WHERE a ILIKE '%son%' ORDER BY NULLIF(a, 0) DESC NULLS LAST";
        assertEquals(sql, t.translate(sql));
    }
}
