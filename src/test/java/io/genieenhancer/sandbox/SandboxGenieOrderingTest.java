package io.genieenhancer.sandbox;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ordering phrases that name a measure the question already asks for, in {@link MiniWorld}. */
class SandboxGenieOrderingTest extends OnMiniWorld {

    @Test
    void sortingByAnAggregateAlreadyAskedForOnlySetsTheDirection() {
        String q = "What is the average fee and number of visits per city? Return the top 2 cities sorted by lowest average fee first.";
        String sql = w.sql(SandboxGenieGrammarTest.JOINS, q);
        assertEquals(1, sql.split("AVG\\(", -1).length - 1, sql);
        assertTrue(sql.contains("ORDER BY avg_fee ASC") && sql.contains("LIMIT 2"), sql);
        // Rome: 28 / 3 visits, Oslo: 88 / 9
        List<String> rows = w.rows(SandboxGenieGrammarTest.JOINS, q);
        assertEquals(List.of("Rome", "Oslo"), rows.stream().map(r -> r.substring(0, r.indexOf('|'))).toList());
    }
}
