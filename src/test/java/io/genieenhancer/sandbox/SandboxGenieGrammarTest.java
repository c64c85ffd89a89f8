package io.genieenhancer.sandbox;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.UnaryOperator;

import static io.genieenhancer.sandbox.MiniWorld.CLASSES;
import static io.genieenhancer.sandbox.MiniWorld.MEMBERS;
import static io.genieenhancer.sandbox.MiniWorld.VISITS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Question forms of the sandbox Genie's grammar beyond single measures and groupings: negation, conditions
 * on counts, output lists, top-N and superlatives, terms holding numbers, singulars. Each is checked on the
 * rows the answer returns in {@link MiniWorld}, with the join specs a space would hold.
 */
class SandboxGenieGrammarTest extends OnMiniWorld {


    /** The joins of the gym space, as join specs. */
    static final UnaryOperator<SpaceEdits> JOINS = e -> e
            .joinSpec(VISITS, "visits", MEMBERS, "members", "`visits`.`member_id` = `members`.`member_id`", "MANY_TO_ONE")
            .joinSpec(VISITS, "visits", CLASSES, "classes", "`visits`.`class_id` = `classes`.`class_id`", "MANY_TO_ONE");

    private static List<String> sorted(String question) {
        return w.rows(JOINS, question).stream().sorted().toList();
    }

    @Test
    void negationIsAnAntiJoin() {
        assertEquals(List.of("5|Eve"), sorted("Return the member ID and name of members who have not made any visits."));
        assertEquals(List.of("Eve"), sorted("Which members have no visits?"));
        // a verb that a description holds does not stop the negation from reaching its table
        assertEquals(List.of("Eve"), w.rows(e -> JOINS.apply(e).columnDescription(VISITS, "visit_date", "Day the visit was booked"),
                "Which members have not booked any visits?"));
        String sql = w.sql(JOINS, "Which members have no visits?");
        assertTrue(sql.contains("NOT EXISTS (SELECT 1 FROM main.gym.visits AS visits WHERE visits.member_id = members.member_id)"), sql);
    }

    @Test
    void havingRelatedRowsIsASemiJoinAndTableIdsAreItsKey() {
        // "that have <table>": rows with at least one related row, each once (not multiplied by the join)
        assertEquals(List.of("1|Ann", "2|Bob", "3|Cem", "4|Dee"), sorted("Return the member IDs and names of members that have visits."));
        String sql = w.sql(JOINS, "Return the distinct list of member IDs that have visits.");
        assertTrue(sql.contains("EXISTS (SELECT 1 FROM main.gym.visits AS visits WHERE visits.member_id = members.member_id)")
                && !sql.contains("NOT EXISTS") && sql.startsWith("SELECT DISTINCT members.member_id\n"), sql);
        // a negation may name its table after "in any"
        assertEquals(List.of("Eve"), sorted("Which members have not been seen in any visits?"));
    }

    @Test
    void timeWordsAndTableIdsBeatWeakMatches() {
        // "last" in a description, "ids" in another: neither steals the relative date or the listed table's key
        UnaryOperator<SpaceEdits> noisy = e -> JOINS.apply(e)
                .columnDescription(MEMBERS, "cancel_date", "Date the member last cancelled")
                .columnDescription(VISITS, "state", "done or missed; ids of missed visits are kept");
        assertEquals(List.of("4"), w.rows(noisy, "How many visits were there in the last 7 days?"));
        assertEquals(List.of("1", "2", "3", "4"), w.rows(noisy, "Return the member ids that have visits.")
                .stream().sorted().toList());
    }

    @Test
    void aConditionOnACountIsHaving() {
        assertEquals(List.of("Ann|6", "Bob|3"), sorted("What is the number of visits for each member with at least 3 visits?"));
        assertEquals(List.of("2"), sorted("How many members have at least 3 visits?"));
        assertTrue(w.sql(JOINS, "Which members have more than 2 visits?").contains("HAVING COUNT(DISTINCT visits.visit_id) > 2"));
    }

    @Test
    void anOutputListNamesTheColumnsToReturn() {
        assertEquals(List.of("1|Ann|6", "2|Bob|3", "3|Cem|2", "4|Dee|1", "5|Eve|0"), // each member: Eve has none
                sorted("Return the id, name and number of visits of each member."));
        assertEquals(List.of("Oslo|1|1", "Oslo|2|1", "Rome|1|1", "Rome|2|1", "Lima|3|1").stream().sorted().toList(),
                sorted("How many members are there by city and tier level?"));
    }

    @Test
    void whichNHaveTheMostIsATopNRanking() {
        assertEquals(List.of("Ann|6", "Bob|3"), sorted("Which 2 members have the most visits?"));
        assertEquals(List.of("Ann|58.00"), sorted("Which member has the highest total fee?"));
    }

    @Test
    void theMostFrequentXCountsTheRowsOfEach() {
        assertEquals(List.of("done|10", "missed|2"), sorted("What are the 2 most common states of visits and their counts?"));
    }

    @Test
    void theHighestYOfAnyXStaysOnXsTable() {
        String sql = w.sql(JOINS, "What is the highest price per unit of any class?");
        assertEquals("SELECT MAX(classes.price_per_unit) AS max_price_per_unit\nFROM main.gym.classes AS classes", sql);
    }

    @Test
    void aTermWithANumberOrPerIsOneTerm() {
        UnaryOperator<SpaceEdits> tiers = e -> JOINS.apply(e).entityMatching(MEMBERS, "statuses")
                .filter("tier 2", "members.tier_level = 2");
        assertEquals(List.of("2"), w.rows(tiers, "How many members are tier 2?"));
        assertTrue(w.sql("What is the average price per unit?").contains("AVG(classes.price_per_unit)"));
    }

    @Test
    void pluralsEndingInUsesAreSingularisedCorrectly() {
        assertEquals(List.of("closed|1", "open|4"), sorted("How many members are there by statuses?"));
    }

    @Test
    void theHighestAggregateOfAnyXIsTheLargestOfThePerXValues() {
        assertEquals(List.of("58.00"), w.rows(JOINS, "What is the highest total fee of any member?"));
        assertEquals(List.of("12.00"), w.rows(JOINS, "What is the highest fee of any visit?"));
    }

    @Test
    void orderingWordsSortTheRows() {
        assertEquals(List.of("Ann|58.00", "Bob|30.00", "Cem|20.00", "Dee|8.00"), w.rows(JOINS, "Rank the members by total fee, highest first."));
        assertEquals(List.of("Dee|1", "Cem|2", "Bob|3", "Ann|6"),
                w.rows(JOINS, "Return the name and number of visits of members, sorted from lowest to highest."));
        assertEquals(List.of("Ann|6", "Bob|3", "Cem|2", "Dee|1"),
                w.rows(JOINS, "Return the name and number of visits of members, sorted by number of visits."));
    }

    @Test
    void aRankAskedForIsARankColumn() {
        assertEquals(List.of("Ann|58.00|1", "Bob|30.00|2", "Cem|20.00|3", "Dee|8.00|4"),
                sorted("Return the member name, total fee and fee rank."));
        assertTrue(w.sql(JOINS, "Return each city, its number of members and its dense rank.").contains("DENSE_RANK() OVER (ORDER BY COUNT(*) DESC) AS rank"));
    }

    @Test
    void aPeriodOverPeriodChangeIsTheDifferenceFromThePreviousPeriod() {
        assertEquals(List.of("2023-12-01|10.00|null", "2024-01-01|8.00|-2.00", "2024-03-01|10.00|2.00", "2024-04-01|8.00|-2.00",
                        "2024-05-01|28.00|20.00", "2024-06-01|52.00|24.00"),
                w.rows(JOINS, "What is the total fee per month? Also calculate the month-over-month change."));
        assertTrue(w.sql(JOINS, "What is the MoM change in the number of visits?").contains("LAG(per_period.count_visits)"));
    }

    @Test
    void daysBetweenTwoDateColumnsIsAPerRowDifference() {
        // Bob: 2023-03-02 to 2024-05-20 = 445 days, Cem: 2024-01-10 to 2024-06-03 = 145 days
        List<String> avg = w.rows("What is the average number of days between the join date and the cancel date?");
        assertEquals(0, new java.math.BigDecimal(avg.get(0)).compareTo(new java.math.BigDecimal("295")), avg.toString());
        assertEquals(List.of("Ann|null", "Bob|445", "Cem|145", "Dee|null", "Eve|null"),
                sorted("Return the name and the number of days between the join date and the cancel date of each member."));
    }

    @Test
    void eachOfTheLastNWeeksIsOneRowPerWeek() {
        assertEquals(List.of("2024-05-13|2", "2024-06-03|2"),
                sorted("How many visits were made in each of the last 4 weeks excluding the current week?"));
    }

    @Test
    void aTermTiedToADateColumnChoosesTheTimeColumnOfItsQuestions() {
        // one table, two events: without the instruction both questions use the first date column (join_date);
        // "left" is no word of a date column's name, so nothing else says which date it means
        assertEquals(w.rows(JOINS, "How many members left in 2024?"), List.of("3"));
        UnaryOperator<SpaceEdits> dated = e -> JOINS.apply(e).instruction(
                "Use members.join_date as the date for \"signed up\".",
                "For \"left\", use members.cancel_date as the date.");
        assertEquals(List.of("2"), w.rows(dated, "How many members left in 2024?"));
        assertEquals(List.of("3"), w.rows(dated, "How many members signed up in 2024?"));
        assertTrue(w.sql(dated, "How many members signed up last month?").contains("members.join_date >= DATE '2024-05-01'"));
    }

    @Test
    void aTermWithItsOwnDateNamesTheRowsToCount() {
        UnaryOperator<SpaceEdits> dated = e -> JOINS.apply(e).instruction("Use members.cancel_date as the date for \"cancellations\".");
        assertEquals(List.of("2"), w.rows(dated, "How many cancellations were there in 2024?"));
        assertEquals(List.of("1"), w.rows(dated, "How many cancellations were there in June 2024?"));
    }

    @Test
    void aRoleWordThatIsAColumnOfTheListedTableIsAnOutputColumn() {
        // "year" is a period word, but the classes table has a column named year
        assertEquals(List.of("Boxing|2023", "Spin|2021", "Yoga|2019"), sorted("Return the title and year of each class."));
    }

    @Test
    void aFilterTiedToOneMetricAppliesOnlyWhenThatMetricIsAsked() {
        UnaryOperator<SpaceEdits> metric = e -> JOINS.apply(e)
                .measure("billed_fee", "billed fee", "SUM(visits.fee)")
                .instruction("For \"billed fee\", always apply visits.state = 'done'.");
        assertEquals(List.of("96.00"), w.rows(metric, "What is the billed fee?"));
        assertEquals(List.of("12"), w.rows(metric, "How many visits are there?"), "other metrics count every visit");
        assertEquals(List.of("116.00"), w.rows(JOINS.andThen(e -> e.measure("billed_fee", "billed fee", "SUM(visits.fee)"))::apply,
                "What is the billed fee?"), "without the instruction the metric counts every visit");
    }

    @Test
    void anOutputListResolvesIdsToTheTableAtHandAndIgnoresWeakMatches() {
        // "member id" is also visits.member_id; the members table's own key is meant
        assertEquals(List.of("5|Eve"), sorted("Return the member id and name for members that have no visits."));
        // "level" is only one word of tier_level's name: too weak to be an output column
        assertEquals(List.of("Ann", "Bob", "Cem", "Dee", "Eve"), sorted("Return the name and level of each member."));
    }

    @Test
    void aReturnListSaysWhatToMeasure() {
        assertEquals(List.of("4|40.00"), w.rows(JOINS, "How many members visited in the past 7 days? Return the number of visits and total fee."));
    }

    @Test
    void numbersWithThousandsSeparatorsAreOneNumber() {
        assertTrue(w.sql("How many visits had a fee over 1,000?").contains("visits.fee > 1000"));
        assertTrue(w.sql("How many visits were there on Jan 1, 2024?").contains("DATE '2024-01-01'"));
    }
}
