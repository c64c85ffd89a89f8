package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.eval.BenchmarkJudge;
import io.genieenhancer.sandbox.genie.Knowledge;
import io.genieenhancer.sandbox.genie.SandboxGenie;
import io.genieenhancer.sandbox.sql.QueryResult;
import io.genieenhancer.sandbox.sql.SandboxDatabase;
import io.genieenhancer.sandbox.sql.SqlFailure;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * A small warehouse and a bare space over it, built inside a test: a gym's members and their visits
 * (words no bundled scenario uses), so grammar tests do not depend on a scenario's data.
 */
final class MiniWorld implements AutoCloseable {

    static final String MEMBERS = "main.gym.members";
    static final String VISITS = "main.gym.visits";
    static final String CLASSES = "main.gym.classes";
    /** The snapshot date the world's questions are asked on (a Wednesday). */
    static final LocalDate TODAY = LocalDate.of(2024, 6, 12);

    final SandboxDatabase db = SandboxDatabase.create("main", Optional.of(TODAY));
    final SpaceConfig bare;

    MiniWorld() {
        try {
            db.ensureSchema("gym");
            db.execute("CREATE TABLE main.gym.members (member_id INT, name STRING, city STRING, tier_level INT, "
                    + "statuses STRING, join_date DATE, cancel_date DATE, birth_date DATE, email STRING)");
            db.execute("CREATE TABLE main.gym.classes (class_id INT, title STRING, price_per_unit DECIMAL(10,2), year INT)");
            db.execute("CREATE TABLE main.gym.visits (visit_id INT, member_id INT, class_id INT, visit_date DATE, "
                    + "minutes INT, fee DECIMAL(10,2), state STRING)");
            db.insert(MEMBERS, List.of("member_id", "name", "city", "tier_level", "statuses", "join_date", "cancel_date", "birth_date", "email"),
                    List.of(
                    List.of("1", "Ann", "Oslo", "1", "open", "2023-01-15", "", "1990-01-15", "ann@gmail.com"),
                    List.of("2", "Bob", "Oslo", "2", "open", "2023-03-02", "2024-05-20", "1984-03-02", "bob@yahoo.com"),
                    List.of("3", "Cem", "Rome", "2", "closed", "2024-01-10", "2024-06-03", "2000-01-10", "cem@work.org"),
                    List.of("4", "Dee", "Rome", "1", "open", "2024-05-28", "", "1994-05-28", "dee@gmail.com"),
                    List.of("5", "Eve", "Lima", "3", "open", "2024-06-11", "", "1974-06-11", "eve@mail.com")));
            db.insert(CLASSES, List.of("class_id", "title", "price_per_unit", "year"), List.of(
                    List.of("1", "Yoga", "12.50", "2019"), List.of("2", "Spin", "9.00", "2021"), List.of("3", "Boxing", "15.00", "2023")));
            db.insert(VISITS, List.of("visit_id", "member_id", "class_id", "visit_date", "minutes", "fee", "state"), List.of(
                    List.of("1", "1", "1", "2023-12-30", "60", "10.00", "done"),
                    List.of("2", "1", "2", "2024-01-01", "45", "8.00", "done"),
                    List.of("3", "1", "1", "2024-03-31", "60", "10.00", "done"),
                    List.of("4", "1", "2", "2024-04-01", "30", "8.00", "missed"),
                    List.of("5", "1", "1", "2024-05-06", "60", "10.00", "done"),
                    List.of("6", "1", "3", "2024-06-03", "50", "12.00", "done"),
                    List.of("7", "2", "1", "2024-05-13", "60", "10.00", "done"),
                    List.of("8", "2", "2", "2024-05-19", "40", "8.00", "done"),
                    List.of("9", "2", "3", "2024-06-09", "55", "12.00", "missed"),
                    List.of("10", "3", "1", "2024-06-10", "60", "10.00", "done"),
                    List.of("11", "3", "1", "2024-06-11", "60", "10.00", "done"),
                    List.of("12", "4", "2", "2024-06-12", "35", "8.00", "done")));
        } catch (SqlFailure e) {
            throw new IllegalStateException(e);
        }
        bare = SpaceJson.parse("""
                {"version": 2, "data_sources": {"tables": [
                  {"identifier": "main.gym.classes"}, {"identifier": "main.gym.members"}, {"identifier": "main.gym.visits"}]}}""");
    }

    Knowledge knowledge(UnaryOperator<SpaceEdits> edits) {
        SpaceConfig space = edits.apply(new SpaceEdits(bare)).result();
        return BenchmarkJudge.knowledge(space, db); // the Genie's today is the warehouse's
    }

    String sql(UnaryOperator<SpaceEdits> edits, String question) {
        SandboxGenie.Answer a = SandboxGenie.answer(knowledge(edits), question, false);
        return assertInstanceOf(SandboxGenie.SqlAnswer.class, a, a.toString()).sql();
    }

    String sql(String question) {
        return sql(e -> e, question);
    }

    /** The rows the Genie's answer returns, each row's values joined by "|", in result order. */
    List<String> rows(UnaryOperator<SpaceEdits> edits, String question) {
        String sql = sql(edits, question);
        try {
            QueryResult r = db.query(sql, 1000);
            return r.rows().stream().map(row -> String.join("|", row.stream().map(String::valueOf).toList())).toList();
        } catch (SqlFailure e) {
            throw new AssertionError("the Genie's SQL fails: " + e.getMessage() + "\n" + sql, e);
        }
    }

    List<String> rows(String question) {
        return rows(e -> e, question);
    }

    @Override
    public void close() {
        db.close();
    }
}
