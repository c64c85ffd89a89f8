package io.genieenhancer.sandbox;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Weekends, and a count of part of the rows beside the count of all of them ("in total and on weekends",
 * "Out of these, how many ..."), in {@link MiniWorld} (today Wednesday 2024-06-12).
 */
class SandboxGeniePartCountsTest extends OnMiniWorld {

    @Test
    void onWeekendsIsSaturdayOrSundayOfTheQueryDate() {
        // 2023-12-30 (Sat), 2024-03-31, 2024-05-19 and 2024-06-09 (Sun)
        assertEquals(List.of("4"), w.rows("How many visits were made on weekends?"));
        assertTrue(w.sql("How many visits were made on weekends?").contains("DAYOFWEEK(visits.visit_date) IN (1, 7)"));
    }

    @Test
    void inTotalAndOnWeekendsIsASecondCountBesideTheTotal() {
        // June 2024: Mon 3rd, Sun 9th, Mon 10th, Tue 11th, Wed 12th
        assertEquals(List.of("5|1"), w.rows("How many visits were there in total and on weekends in June 2024?"));
        String sql = w.sql("How many visits were there in total and on weekends in June 2024?");
        assertTrue(sql.contains("COUNT(CASE WHEN DAYOFWEEK(visits.visit_date) IN (1, 7) THEN 1 END)"), sql);
    }

    @Test
    void outOfTheseHowManyCountsTheRowsThatAlsoMeetTheNextCondition() {
        // April: Ann (fee 8); May: Ann (10) and Bob (10, 8)
        List<String> rows = w.rows(SandboxGenieGrammarTest.JOINS, "How many members had visits in each of the last 2 months, "
                + "not including the current month? Out of these, how many had visits with a fee over 9?");
        assertEquals(List.of("2024-04-01|1|0", "2024-05-01|2|2"), rows.stream().sorted().toList());
    }

    @Test
    void howManyTotalThingsIsOneCount() {
        String sql = w.sql("How many total visits were there in June 2024?");
        assertEquals(1, sql.split("COUNT\\(", -1).length - 1, sql);
        assertEquals(List.of("5"), w.rows("How many total visits were there in June 2024?"));
    }
}
