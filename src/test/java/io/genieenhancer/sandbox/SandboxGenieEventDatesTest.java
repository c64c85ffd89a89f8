package io.genieenhancer.sandbox;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which date a time phrase is about, and values derived from dates, in the sandbox Genie's grammar:
 * an event verb that is a word of a date column's name, the table of events the rows "had", ages from a
 * date of birth, and the median. Checked in {@link MiniWorld} (today 2024-06-12).
 */
class SandboxGenieEventDatesTest extends OnMiniWorld {

    @Test
    void anEventVerbThatIsAWordOfADateColumnPicksThatDate() {
        // members has join_date first: without the verb both questions would count joins
        assertEquals(List.of("2"), w.rows("How many members cancelled in 2024?"));
        assertEquals(List.of("3"), w.rows("How many members joined in 2024?"));
        String sql = w.sql("How many members cancelled in the last 3 months?");
        assertTrue(sql.contains("members.cancel_date >= DATE '2024-03-12'"), sql);
    }

    @Test
    void rowsThatHadEventsInEachPeriodUseTheDateOfThoseEvents() {
        // April: Ann; May: Ann and Bob (visits), whatever the members' own dates
        List<String> rows = w.rows(SandboxGenieGrammarTest.JOINS,
                "How many distinct members had visits in each of the last 2 months, not including the current month?");
        assertEquals(List.of("2024-04-01|1", "2024-05-01|2"), rows.stream().sorted().toList());
    }

    @Test
    void anAgeIsTheWholeYearsSinceTheDateOfBirth() {
        String sql = w.sql("What is the average age of members currently?");
        assertTrue(sql.contains("AVG(TIMESTAMPDIFF(YEAR, members.birth_date, CURRENT_DATE))"), sql);
        // 34, 40, 24, 30 and 50 years on 2024-06-12
        assertEquals(0, new BigDecimal(w.rows("What is the average age of members currently?").get(0)).compareTo(new BigDecimal("35.6")));
        assertEquals(List.of("50"), w.rows("What is the maximum age of members?"));
    }

    @Test
    void theMedianIsAnAggregate() {
        // fees 8 x4, 10 x6, 12 x2
        assertEquals(0, new BigDecimal(w.rows("What is the median fee of visits?").get(0)).compareTo(BigDecimal.TEN));
        assertTrue(w.sql("What is the median fee of visits?").contains("MEDIAN(visits.fee)"));
    }

    @Test
    void aWindowAfterAnotherEventIsABetweenOfTheTwoDates() {
        // only Dee visited (2024-06-12) within 30 days after joining (2024-05-28)
        String q = "How many visits were made within 30 days after the member joined?";
        String sql = w.sql(SandboxGenieGrammarTest.JOINS, q);
        assertTrue(sql.contains("visits.visit_date BETWEEN members.join_date AND members.join_date + INTERVAL '30' DAY"), sql);
        assertEquals(List.of("1"), w.rows(SandboxGenieGrammarTest.JOINS, q));
        assertEquals(List.of("1"), w.rows(SandboxGenieGrammarTest.JOINS, "How many visits were made within 3 weeks of the member joining?"));
    }

    @Test
    void theSamePeriodAsAnotherEventComparesTruncatedDates() {
        // Ann (joined 2023) visited once in 2023; Cem and Dee (joined 2024) visited 2 and 1 times in 2024
        String q = "How many visits were made within the same year as the member joined?";
        assertTrue(w.sql(SandboxGenieGrammarTest.JOINS, q).contains("DATE_TRUNC('YEAR', visits.visit_date) = DATE_TRUNC('YEAR', members.join_date)"));
        assertEquals(List.of("4"), w.rows(SandboxGenieGrammarTest.JOINS, q));
    }

    @Test
    void theLatestOrEarliestRowsOfAPeriodAreThoseOnItsLastOrFirstDate() {
        // May 2024: visits on the 6th, 13th and 19th (fee 8.00); 2024 starts with the visit of January 1st (fee 8.00)
        String sql = w.sql("What was the total fee of the latest visits in May 2024?");
        assertTrue(sql.contains("visits.visit_date = (SELECT MAX(one_visits.visit_date) FROM main.gym.visits AS one_visits"
                + " WHERE one_visits.visit_date >= DATE '2024-05-01' AND one_visits.visit_date < DATE '2024-06-01')"), sql);
        assertEquals(0, new BigDecimal(w.rows("What was the total fee of the latest visits in May 2024?").get(0)).compareTo(new BigDecimal("8")));
        assertEquals(0, new BigDecimal(w.rows("What was the total fee of the earliest visits in 2024?").get(0)).compareTo(new BigDecimal("8")));
    }

    @Test
    void aConditionOnRowsThatMustNotExistGoesInsideTheAntiJoin() {
        // visits within 30 days after joining: only Dee's; every other member has none
        String q = "Which members did not make a visit within 30 days after joining?";
        String sql = w.sql(SandboxGenieGrammarTest.JOINS, q);
        assertTrue(sql.contains("NOT EXISTS (SELECT 1 FROM main.gym.visits AS visits WHERE visits.member_id = members.member_id"
                + " AND visits.visit_date BETWEEN members.join_date AND members.join_date + INTERVAL '30' DAY)"), sql);
        assertEquals(List.of("Ann", "Bob", "Cem", "Eve"), w.rows(SandboxGenieGrammarTest.JOINS, q).stream().sorted().toList());
    }
}
