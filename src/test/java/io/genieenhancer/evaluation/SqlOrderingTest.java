package io.genieenhancer.evaluation;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SqlOrderingTest {

    @Test
    void a_top_level_order_by_orders_rows() {
        assertTrue(SqlOrdering.ordersRows("SELECT region, SUM(x) FROM t GROUP BY region ORDER BY 2 DESC LIMIT 5"));
        assertTrue(SqlOrdering.ordersRows("select a from t\norder\n  by a"));
    }

    @Test
    void no_order_by_means_unordered() {
        assertFalse(SqlOrdering.ordersRows("SELECT region FROM t GROUP BY region"));
    }

    @Test
    void order_by_inside_a_window_function_or_subquery_does_not_count() {
        assertFalse(SqlOrdering.ordersRows("SELECT a, ROW_NUMBER() OVER (PARTITION BY b ORDER BY c) rn FROM t"));
        assertFalse(SqlOrdering.ordersRows("WITH x AS (SELECT a FROM t ORDER BY a LIMIT 3) SELECT * FROM x"));
    }

    @Test
    void order_by_in_comments_and_literals_does_not_count() {
        assertFalse(SqlOrdering.ordersRows("SELECT 'order by' AS s FROM t -- order by s\n/* ORDER BY s */"));
        assertFalse(SqlOrdering.ordersRows("SELECT `order by` FROM t"));
        assertTrue(SqlOrdering.ordersRows("SELECT 'it''s' FROM t ORDER BY 1"));
    }

    @Test
    void an_order_by_after_a_cte_orders_rows() {
        assertTrue(SqlOrdering.ordersRows("WITH x AS (SELECT a FROM t) SELECT * FROM x ORDER BY a"));
    }

    @Test
    void similar_words_are_not_order_by() {
        assertFalse(SqlOrdering.ordersRows("SELECT border_by FROM t"));
        assertFalse(SqlOrdering.ordersRows("SELECT a FROM t SORT BY a"));
    }
}
