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
        assertEquals(List.of("Oslo|88.00", "Rome|28.00"), sorted(JOINS, "Return the city and total fee (based on the fee) for each city."));
    }

    @Test
    void aCountAskedTwiceUnderTwoNamesIsOneColumn() {
        UnaryOperator<SpaceEdits> counted = e -> JOINS.apply(e).measure("visit_count", "visit count", "COUNT(visits.visit_id)");
        assertEquals(List.of("Ann|6|58.00", "Bob|3|30.00"),
                sorted(counted, "Return the top 2 members by number of visits, with their name, visit count and total fee."));
    }
}
