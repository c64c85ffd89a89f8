package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.sandbox.sql.SqlFailure;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static io.genieenhancer.sandbox.MiniWorld.CLASSES;
import static io.genieenhancer.sandbox.MiniWorld.MEMBERS;
import static io.genieenhancer.sandbox.MiniWorld.VISITS;
import static io.genieenhancer.sandbox.SandboxGenieGrammarTest.JOINS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an answer returns: which words name the output columns and the tables, and which only explain.
 * Checked on the gym {@link MiniWorld} and on a small fleet world whose table names have two words
 * (trips_driven, trips_planned) and whose columns share words (first_stop, last_stop).
 */
class SandboxGenieOutputsTest extends OnMiniWorld {

    static final String DRIVEN = "main.fleet.trips_driven";
    static final String PLANNED = "main.fleet.trips_planned";
    static final String DRIVERS = "main.fleet.drivers";
    static final String VANS = "main.fleet.vans";

    static SandboxDatabase fleet;
    static SpaceConfig fleetSpace;

    @BeforeAll
    static void fleet() throws SqlFailure {
        fleet = SandboxDatabase.create("main", Optional.of(MiniWorld.TODAY));
        fleet.ensureSchema("fleet");
        fleet.execute("CREATE TABLE main.fleet.trips_planned (tid INT, route STRING, km INT)");
        fleet.execute("CREATE TABLE main.fleet.trips_driven (tid INT, route STRING, first_stop STRING, last_stop STRING, km INT, "
                + "driver_id INT, van_id INT)");
        fleet.execute("CREATE TABLE main.fleet.drivers (driver_id INT, name STRING)");
        fleet.execute("CREATE TABLE main.fleet.vans (van_id INT, make STRING)");
        fleet.insert(PLANNED, List.of("tid", "route", "km"), List.of(List.of("1", "North", "500"), List.of("2", "South", "10")));
        fleet.insert(DRIVEN, List.of("tid", "route", "first_stop", "last_stop", "km", "driver_id", "van_id"), List.of(
                List.of("7", "North", "Oslo", "Bergen", "20", "1", "1"),
                List.of("8", "South", "Rome", "Bari", "30", "1", "2"),
                List.of("9", "South", "Rome", "Lecce", "40", "2", "2")));
        fleet.insert(DRIVERS, List.of("driver_id", "name"), List.of(List.of("1", "Ada"), List.of("2", "Ben")));
        fleet.insert(VANS, List.of("van_id", "make"), List.of(List.of("1", "Fiat"), List.of("2", "Ford")));
        // the planned trips come first: without reading "driven", a tie on "route" or "km" goes to them
        fleetSpace = SpaceJson.parse("""
                {"version": 2, "data_sources": {"tables": [{"identifier": "main.fleet.drivers"},
                  {"identifier": "main.fleet.trips_driven"}, {"identifier": "main.fleet.trips_planned"}, {"identifier": "main.fleet.vans"}]}}""");
    }

    @AfterAll
    static void closeFleet() {
        fleet.close();
    }

    static final UnaryOperator<SpaceEdits> FLEET_JOINS = e -> e
            .joinSpec(DRIVEN, "trips_driven", DRIVERS, "drivers", "`trips_driven`.`driver_id` = `drivers`.`driver_id`", "MANY_TO_ONE")
            .joinSpec(DRIVEN, "trips_driven", VANS, "vans", "`trips_driven`.`van_id` = `vans`.`van_id`", "MANY_TO_ONE");

    private static String fleetSql(String question) {
        SpaceConfig space = FLEET_JOINS.apply(new SpaceEdits(fleetSpace)).result();
        SandboxGenie.Answer a = SandboxGenie.answer(BenchmarkJudge.knowledge(space, fleet), question, false);
        return assertInstanceOf(SandboxGenie.SqlAnswer.class, a, a.toString()).sql();
    }

    private static List<String> fleetRows(String question) {
        String sql = fleetSql(question);
        try {
            return fleet.query(sql, 100).rows().stream().map(r -> String.join("|", r.stream().map(String::valueOf).toList()))
                    .sorted().toList();
        } catch (SqlFailure e) {
            throw new AssertionError(e.getMessage() + "\n" + sql, e);
        }
    }

    private static List<String> sorted(UnaryOperator<SpaceEdits> edits, String question) {
        return w.rows(edits, question).stream().sorted().toList();
    }

    @Test
    void aTableNameFollowedByRecordsOrTableIsTheTable() {
        // "visit record" is also in a description; "visit records" is still the visits table
        UnaryOperator<SpaceEdits> described = e -> JOINS.apply(e).columnDescription(VISITS, "state", "State of the visit record");
        assertEquals(List.of("Eve"), sorted(described, "Which members have no visit records?"));
    }

    @Test
    void aWordOfTheCatalogsNamesBeatsADescriptionHoldingIt() {
        UnaryOperator<SpaceEdits> described = e -> JOINS.apply(e).columnDescription(VISITS, "fee", "Price paid for the visit");
        String sql = w.sql(described, "What is the average price?");
        assertTrue(sql.contains("AVG(classes.price_per_unit)"), sql); // "price" is a word of price_per_unit's name
        assertTrue(w.sql(described, "What is the average price paid?").contains("AVG(visits.fee)")); // the longer phrase is the description's
    }

    @Test
    void aColumnTwoTablesShareGoesToTheTableTheQuestionNamesWithAnotherWord() {
        // "driven" is a participle: it names no table on its own, but it says which table's route and km are meant
        assertEquals(List.of("North|20", "South|70"), fleetRows("What is the total km per route driven?"));
    }

    @Test
    void oneNounSharedByTwoListedColumnsNamesBoth() {
        assertEquals(List.of("Oslo|Bergen", "Rome|Bari", "Rome|Lecce"), fleetRows("Return the first and last stop of trips driven."));
    }

    @Test
    void aKeyColumnIsNotAQuantityToGuess() {
        String sql = fleetSql("What is the average of trips driven?");
        assertTrue(sql.contains("AVG(trips_driven.km)"), sql); // not the first numeric column, tid
    }

    @Test
    void aTableBeforeAnotherTablesColumnDoesNotMeanThatColumn() {
        // "make" is a column of vans, not of drivers: "each driver make" groups by driver
        assertEquals(List.of("Ada|2", "Ben|1"), fleetRows("How many trips driven did each driver make?"));
    }

    @Test
    void joiningTablesKeepsOnlyRowsWithARelatedRow() {
        assertEquals(List.of("1", "2", "3", "4"),
                sorted(JOINS, "Return the distinct list of member IDs, based on joining the members and visits tables."));
    }

    @Test
    void byDoingSomethingIsNotAGroupingAndALeftJoinAddsNoCondition() {
        String q = "Return the member ID and name for members that have no visit records, by doing a left join from members to visits.";
        assertEquals(List.of("5|Eve"), sorted(JOINS, q), SandboxGenie.answer(w.knowledge(JOINS), q, false).notes().toString());
    }

    @Test
    void aColumnAfterBasedOnExplainsAMeasure() {
        String sql = w.sql(JOINS, "Return the city and total fee (based on the fee) for each city.");
        assertFalse(sql.contains("GROUP BY members.city, visits.fee"), sql);
        assertEquals(List.of("Lima|0", "Oslo|88.00", "Rome|28.00"), sorted(JOINS, "Return the city and total fee (based on the fee) for each city."));
    }

    @Test
    void aCountAskedTwiceUnderTwoNamesIsOneColumn() {
        UnaryOperator<SpaceEdits> counted = e -> JOINS.apply(e).measure("visit_count", "visit count", "COUNT(visits.visit_id)");
        assertEquals(List.of("Ann|6|58.00", "Bob|3|30.00"),
                sorted(counted, "Return the top 2 members by number of visits, with their name, visit count and total fee."));
    }

    @Test
    void aTermDefinedAsMeasureAndFilterIsTheMeasureUnderTheFilter() {
        UnaryOperator<SpaceEdits> vfc = e -> JOINS.apply(e).measure("vfc", "VFC", "SUM(visits.fee)")
                .filter("done visits", "visits.state = 'done'", "VFC");
        assertEquals(List.of("96.00"), w.rows(vfc, "What is the VFC?")); // the fees of done visits only (all: 116.00)
    }

    @Test
    void aGroupWordBeforeAllOrTheMeasuresOwnRowsOrAnAgentDoesNotGroup() {
        assertEquals(List.of("9.67"), w.rows(JOINS, "What is the average fee per visit across all members?")
                .stream().map(v -> new java.math.BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_UP).toString()).toList());
        // "driven by drivers": who drove, not one row per driver
        assertEquals(List.of("90"), fleetRows("What is the total km driven by drivers?"));
        assertEquals(List.of("Ada|50", "Ben|40"), fleetRows("What is the total km of trips driven grouped by drivers?"));
    }

    @Test
    void aTableWithIdNIsAFilterOnItsKey() {
        assertEquals(List.of("Bari|30", "Lecce|40"), fleetRows("What is the total km for each last stop of trips driven by van with ID 2?"));
        assertEquals(List.of("1|20", "2|30"), fleetRows("What is the total km of trips driven for each driver with ID 1? Return the van ID and total km."));
    }

    @Test
    void giveMeStartsAnOutputListAndOneDescriptionWordIsNoOutputColumn() {
        UnaryOperator<SpaceEdits> described = e -> JOINS.apply(e).columnDescription(MEMBERS, "city", "City value of the member");
        assertEquals(List.of("Ann|Oslo", "Bob|Oslo"), sorted(described, "Give me the name and city of members with at least 3 visits."));
        assertEquals(List.of("Ann|58.00"), sorted(described, "Which member has the highest total fee? Return the name and total fee value."));
    }

    @Test
    void anAggregateOfAnExpressionAggregatesItsValuePerRow() {
        UnaryOperator<SpaceEdits> length = e -> JOINS.apply(e).expression("visit_hours", "visit hours", "visits.minutes / 60.0");
        assertEquals(List.of("done|0.8833", "missed|0.7083"), w.rows(length, "What is the average visit hours by state?").stream()
                .map(r -> r.split("\\|")[0] + "|" + new java.math.BigDecimal(r.split("\\|")[1]).setScale(4, java.math.RoundingMode.HALF_UP))
                .sorted().toList());
    }

    @Test
    void theKeyColumnNamedAsACountCountsTheRows() {
        UnaryOperator<SpaceEdits> named = e -> JOINS.apply(e).synonyms(VISITS, "visit_id", "visit count");
        assertEquals(List.of("Ann|6", "Bob|3", "Cem|2", "Dee|1", "Eve|0"), sorted(named, "Return the name and total visit count of each member."));
    }

    @Test
    void anOrdinalIsNeverAWordOfAColumnName() {
        // "first" is a word of first_stop, but "the first quarter of 2024" is a period
        String sql = fleetSql("How many trips were planned in the first quarter of 2024?");
        assertFalse(sql.contains("first_stop"), sql);
    }

    @Test
    void eachXAnswersEveryXAlsoThoseWithNothingToCount() {
        // a count or a sum of nothing is 0; an average of nothing is no answer, and a filter keeps only rows that pass
        assertEquals(List.of("Ann|6", "Bob|3", "Cem|2", "Dee|1", "Eve|0"), sorted(JOINS, "What is the number of visits for each member?"));
        assertEquals(List.of("Ann|58.00", "Bob|30.00", "Cem|20.00", "Dee|8.00", "Eve|0"), sorted(JOINS, "What is the total fee for each member?"));
        assertEquals(4, w.rows(JOINS, "What is the average fee for each member?").size());
        assertEquals(List.of("Ann|5", "Bob|3", "Cem|2", "Dee|1"), sorted(JOINS, "What is the number of visits in 2024 for each member?"));
        assertTrue(w.sql(JOINS, "What is the total fee for each member?").contains("LEFT JOIN main.gym.visits"));
        // a condition on the members themselves keeps the members without visits
        assertEquals(List.of("Eve|0"), sorted(e -> JOINS.apply(e).entityMatching(MEMBERS, "city"),
                "What is the number of visits for each member in Lima?"));
    }

    @Test
    void topNByTwoMeasuresBreaksTiesOnTheSecond() {
        String sql = w.sql(JOINS, "What are the top 2 classes by number of visits and total fee?");
        assertTrue(sql.contains("ORDER BY count_visits DESC, sum_fee DESC"), sql);
    }

    @Test
    void aBareCountInTheListIsTheCountAskedFor() {
        UnaryOperator<SpaceEdits> vc = e -> JOINS.apply(e).measure("vc", "VC", "COUNT(visits.visit_id)");
        assertEquals(List.of("12"), w.rows(vc, "What is the VC? Return the total count."));
    }

    @Test
    void aSuperlativeNounFirstIsTheOrderAndAMeasuresNounIsNoColumn() {
        UnaryOperator<SpaceEdits> spend = e -> JOINS.apply(e).measure("spend", "spend", "SUM(visits.fee)");
        assertEquals(List.of("Ann|58.00", "Bob|30.00", "Cem|20.00", "Dee|8.00"),
                w.rows(spend, "Return the member name and spend fee of members, with the highest spend first."));
        // "sorted by lowest average fee first": the order of the average asked for, not a second average
        List<String> rows = w.rows(JOINS, "What is the average fee per city? Sort by lowest average fee first.");
        assertTrue(rows.stream().allMatch(r -> r.split("\\|").length == 2) && rows.get(0).startsWith("Rome"), rows.toString());
    }

    @Test
    void theMostFrequentlyUsedXCountsTheRowsThatUseX() {
        // visits point at classes: "used" classes are counted in visits, not in the classes table
        assertEquals(List.of("Spin|4", "Yoga|6"), sorted(JOINS, "What are the 2 most frequently used class titles and their counts?"));
    }

    @Test
    void theMedianIsAnAggregateAndATableAfterForAllIsTheScope() {
        // the fees of Oslo members' visits: 8, 8, 8, 10, 10, 10, 10, 12, 12
        List<String> rows = w.rows(e -> JOINS.apply(e).entityMatching(MEMBERS, "city"), "Give me the median fee for all members in Oslo.");
        assertEquals(1, rows.size(), rows.toString()); // one value, not one per member
        assertEquals(0, new java.math.BigDecimal("10").compareTo(new java.math.BigDecimal(rows.get(0))), rows.toString());
    }

    @Test
    void anOutputListEndsWithItsSentenceAndDoNotIncludeIsNoAntiJoin() {
        assertEquals(List.of("Lima|1", "Oslo|2", "Rome|2"), sorted(JOINS, "Return the city and number of members. Visits are not needed."));
        assertEquals(List.of("Lima|1", "Oslo|2", "Rome|2"), sorted(JOINS, "How many members are there per city? Do not include visits in the query."));
    }

    @Test
    void aValueRightBeforeATableIsThatTablesValue() {
        SpaceConfig space = FLEET_JOINS.apply(new SpaceEdits(fleetSpace)).entityMatching(PLANNED, "route").entityMatching(DRIVEN, "route").result();
        SandboxGenie.Answer a = SandboxGenie.answer(BenchmarkJudge.knowledge(space, fleet), "How many South trips planned are there? Ignore trips driven.", false);
        String sql = assertInstanceOf(SandboxGenie.SqlAnswer.class, a, a.toString()).sql();
        assertTrue(sql.contains("trips_planned.route = 'South'"), sql);
    }

    @Test
    void aWeakDateWordNamesNoTimeColumnAndAPeriodAskedTwiceIsOneColumn() {
        List<String> rows = w.rows(JOINS, "How many visits were there per month? Return the number of visits per month (as a date).");
        assertEquals(6, rows.size(), rows.toString()); // the visits' months, not the members' join months
        assertTrue(rows.stream().allMatch(r -> r.split("\\|").length == 2), rows.toString());
    }

    @Test
    void aTablesNameThenDateInAListIsThatTablesDate() {
        // "member date": the members' default date (two date columns, one named the default), not the member's name
        UnaryOperator<SpaceEdits> dated = e -> JOINS.apply(e).instruction("Use members.join_date as the default date for members.");
        List<String> rows = w.rows(dated, "Return the visit id and member date of visits with a visit id over 10.");
        assertEquals(List.of("11|2024-01-10", "12|2024-05-28"), rows.stream().sorted().toList());
    }
}
