package io.genieenhancer.sandbox;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dates in the sandbox Genie's grammar: periods relative to the scenario's today (2024-06-12, a
 * Wednesday, in {@link MiniWorld}), written date forms, ranges and points in time.
 */
class SandboxGenieDatesTest extends OnMiniWorld {


    private static void window(String question, String from, String to) {
        String sql = w.sql(question);
        assertTrue(sql.contains("visits.visit_date >= DATE '" + from + "' AND visits.visit_date < DATE '" + to + "'"), sql);
    }

    @Test
    void pastNDaysWeeksMonthsAreRollingWindowsEndingToday() {
        window("How many visits were there in the past 30 days?", "2024-05-13", "2024-06-13");
        window("How many visits in the past 2 weeks, inclusive of today?", "2024-05-29", "2024-06-13");
        window("How many visits were there in the last 3 months?", "2024-03-12", "2024-06-13");
        assertEquals(List.of("7"), w.rows("How many visits were there in the past 30 days, inclusive of 30 days ago?"));
    }

    @Test
    void lastWeekMonthQuarterAreWholePeriodsBeforeTheCurrentOneWithWeeksStartingOnMonday() {
        window("How many visits were there last week?", "2024-06-03", "2024-06-10");
        window("How many visits were there last month?", "2024-05-01", "2024-06-01");
        window("How many visits were there in the previous quarter?", "2024-01-01", "2024-04-01");
        window("How many visits were there in the last 6 months excluding the current month?", "2023-12-01", "2024-06-01");
        window("How many visits in the last 2 weeks, not including the current week?", "2024-05-27", "2024-06-10");
        assertEquals(List.of("2"), w.rows("How many visits were there last week (exclusive of the current week)?"));
    }

    @Test
    void thisYearAndYearToDateStartOnJanuaryFirst() {
        window("How many visits were there this year?", "2024-01-01", "2025-01-01");
        window("What is the total fee year to date?", "2024-01-01", "2024-06-13");
        window("How many visits this month?", "2024-06-01", "2024-07-01");
    }

    @Test
    void writtenDatesQuartersByOrdinalAndInclusiveRanges() {
        window("How many visits were there on Jan 1, 2024?", "2024-01-01", "2024-01-02");
        window("How many visits were there in the 1st quarter of 2024?", "2024-01-01", "2024-04-01");
        window("How many visits were there in the second quarter of 2024?", "2024-04-01", "2024-07-01");
        window("How many visits were there in the first quarter of 2024?", "2024-01-01", "2024-04-01");
        window("How many visits were there between Jan 1, 2024 and Mar 31, 2024 (inclusive of start and end dates)?", "2024-01-01", "2024-04-01");
        assertEquals(List.of("2"), w.rows("How many visits were there between Jan 1, 2024 and Mar 31, 2024 inclusive?"));
        window("How many visits were there between 2024-05-01 inclusive and 2024-06-01 exclusive?", "2024-05-01", "2024-06-01");
        window("How many visits were there from April 1 2024 to April 30 2024?", "2024-04-01", "2024-05-01");
        assertTrue(w.sql("How many visits were there on or after Apr 1, 2024?").contains("visits.visit_date >= DATE '2024-04-01'"));
        assertTrue(w.sql("How many visits were there on or before 2024-04-01?").contains("visits.visit_date < DATE '2024-04-02'"));
    }

    @Test
    void anAsOfDateIsEverythingUpToItNotAPeriod() {
        String asOf = w.sql("How many visits had there been as of March 31?");
        assertTrue(asOf.contains("visits.visit_date < DATE '2024-04-01'") && !asOf.contains(">="), asOf);
        String end = w.sql("What was the total fee at the end of 2023?");
        assertTrue(end.contains("visits.visit_date < DATE '2024-01-01'") && !end.contains(">="), end);
        String in = w.sql("What was the total fee in 2023?");
        assertTrue(in.contains("visits.visit_date >= DATE '2023-01-01' AND visits.visit_date < DATE '2024-01-01'"), in);
    }

    @Test
    void weeklyGroupsStartOnMondayWhateverTheJvmLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.US); // a locale whose weeks start on Sunday
            List<String> rows = w.rows("How many visits were there by week in June 2024?");
            assertEquals(List.of("2024-06-03|2", "2024-06-10|3"), rows.stream().sorted().toList());
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void anIsoWeekIsAWeekAndCalendarMonthsStartOnTheFirstAndRunToToday() {
        window("How many visits were there in the whole of the previous ISO week, not including the current week?", "2024-06-03", "2024-06-10");
        window("How many visits were there in the past 2 calendar months?", "2024-04-01", "2024-06-13");
        window("How many visits were there within the last 2 weeks from today?", "2024-05-29", "2024-06-13");
    }

    @Test
    void aDayWithoutAYearBelongsToTheYearNamedBeforeIt() {
        window("How many visits were there in 2023 (from Dec 1st to Dec 31st inclusive)?", "2023-12-01", "2024-01-01");
        window("How many visits were there from Jan 1st to Mar 31st?", "2024-01-01", "2024-04-01");
    }

    @Test
    void aDateWordOnlyADescriptionHoldsStillReadsAsADate() {
        String sql = w.sql(e -> e.columnDescription(MiniWorld.MEMBERS, "name", "first and last name"),
                "How many visits were there in the first quarter of 2024?");
        assertTrue(sql.contains("visits.visit_date >= DATE '2024-01-01' AND visits.visit_date < DATE '2024-04-01'"), sql);
    }
}
