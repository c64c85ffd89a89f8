package io.genieenhancer.fix;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** Rewritings of a benchmark's ground truth are caught; honest, different queries over the same tables pass. */
class LeakageGuardTest {

    static final String GROUND_TRUTH = """
            SELECT c.region, SUM(o.amount) AS revenue
            FROM main.sales.orders o
            JOIN main.sales.customers c ON o.customer_id = c.customer_id
            WHERE o.status = 'complete' AND o.order_date >= '2024-01-01'
            GROUP BY c.region
            ORDER BY revenue DESC
            LIMIT 5""";

    final LeakageGuard guard = new LeakageGuard(List.of(new FixPolicy.GuardedQuestion("q1",
            "Which five regions brought the most revenue from completed orders this year?", GROUND_TRUTH)),
            FixPolicy.LEAKAGE_SIMILARITY);

    @ParameterizedTest
    @ValueSource(strings = {
            // aliases renamed
            "SELECT cust.region, SUM(ord.amount) AS total_rev FROM main.sales.orders ord JOIN main.sales.customers cust "
                    + "ON ord.customer_id = cust.customer_id WHERE ord.status = 'complete' AND ord.order_date >= '2024-01-01' "
                    + "GROUP BY cust.region ORDER BY total_rev DESC LIMIT 5",
            // no aliases at all, fully qualified columns
            "SELECT customers.region, SUM(orders.amount) FROM main.sales.orders JOIN main.sales.customers "
                    + "ON orders.customer_id = customers.customer_id WHERE orders.status = 'complete' "
                    + "AND orders.order_date >= '2024-01-01' GROUP BY customers.region ORDER BY 2 DESC LIMIT 5",
            // conditions and join sides reordered, implicit aliases
            "SELECT x.region, SUM(y.amount) revenue FROM main.sales.customers x JOIN main.sales.orders y "
                    + "ON x.customer_id = y.customer_id WHERE y.order_date >= '2024-01-01' AND y.status = 'complete' "
                    + "GROUP BY x.region ORDER BY revenue DESC LIMIT 5",
            // whitespace, case, quoting and comments
            "select `c`.`region`,\n  sum(`o`.`amount`) as \"revenue\" -- by region\nfrom `main`.`sales`.`orders` as o "
                    + "join `main`.`sales`.`customers` as c on o.customer_id=c.customer_id where o.status='complete' "
                    + "and o.order_date>='2024-01-01' group by c.region order by revenue desc limit 5;",
            // wrapped in a CTE, renamed aliases inside
            "WITH ranked AS (SELECT k.region, SUM(z.amount) AS r FROM main.sales.orders z JOIN main.sales.customers k "
                    + "ON z.customer_id = k.customer_id WHERE z.status = 'complete' AND z.order_date >= '2024-01-01' "
                    + "GROUP BY k.region ORDER BY r DESC LIMIT 5) SELECT * FROM ranked",
            // wrapped in a derived table with an outer filter
            "SELECT t.* FROM (SELECT c2.region, SUM(o2.amount) AS rev FROM main.sales.orders o2 JOIN main.sales.customers c2 "
                    + "ON o2.customer_id = c2.customer_id WHERE o2.status = 'complete' AND o2.order_date >= '2024-01-01' "
                    + "GROUP BY c2.region ORDER BY rev DESC LIMIT 5) t WHERE t.rev > 0"
    })
    void aRewritingOfTheGroundTruthIsCaught(String sql) {
        Optional<Problem> p = guard.exampleSql(sql);
        assertTrue(p.isPresent(), "not caught: " + sql);
        assertEquals(Problem.LEAKAGE, p.get().rule());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT status, COUNT(*) AS orders FROM main.sales.orders GROUP BY status",
            "SELECT c.region, COUNT(DISTINCT c.customer_id) AS customers FROM main.sales.customers c GROUP BY c.region",
            "SELECT o.order_date, SUM(o.amount) AS revenue FROM main.sales.orders o WHERE o.order_date >= '2024-01-01' "
                    + "GROUP BY o.order_date ORDER BY o.order_date",
            "SELECT c.name, AVG(o.amount) AS average_order FROM main.sales.orders o JOIN main.sales.customers c "
                    + "ON o.customer_id = c.customer_id GROUP BY c.name HAVING COUNT(*) > 3",
            "WITH monthly AS (SELECT date_trunc('month', order_date) AS m, SUM(amount) AS total FROM main.sales.orders "
                    + "GROUP BY 1) SELECT m, total FROM monthly ORDER BY m"
    })
    void anHonestDifferentQueryPasses(String sql) {
        assertEquals(Optional.empty(), guard.exampleSql(sql), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "For the best regions, run: select r.region, sum(s.amount) as top_revenue from main.sales.orders s join "
                    + "main.sales.customers r on s.customer_id = r.customer_id where s.status = 'complete' and "
                    + "s.order_date >= '2024-01-01' group by r.region order by top_revenue desc limit 5 and report it",
    })
    void aRenamedCopyInsideAnInstructionIsCaught(String text) {
        assertTrue(guard.containsGroundTruth("text instruction", text).isPresent(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Revenue means SUM(orders.amount) over completed orders; use customers.region for regions.",
            "Select the region from the customers table, not from the orders table.",
    })
    void ordinaryGuidanceIsNotLeakage(String text) {
        assertEquals(Optional.empty(), guard.containsGroundTruth("text instruction", text), text);
    }
}
