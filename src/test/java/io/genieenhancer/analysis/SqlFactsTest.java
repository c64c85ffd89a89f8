package io.genieenhancer.analysis;

import io.genieenhancer.analysis.SqlFacts.ColumnRef;
import io.genieenhancer.analysis.SqlFacts.ItemKind;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlFactsTest {

    static SqlFacts facts(String sql) {
        return SqlFacts.of(sql, new Tables(ShopSpace.space()));
    }

    @Test
    void aliasesAndFullNamesPrintAsTheTablesShortNameSoBothSqlsCompare() {
        SqlFacts expected = facts("SELECT SUM(s.amt_usd) FROM main.shop.sales AS s WHERE s.status = 'RET'");
        SqlFacts generated = facts("SELECT SUM(`sales`.`AMT_USD`) FROM main.shop.sales WHERE sales.status = 'RET'");
        assertEquals("sales.status = 'RET'", expected.predicates().get(0).sql());
        assertTrue(generated.hasPredicate(expected.predicates().get(0).sql()));
        assertTrue(generated.hasItem(expected.selectItems().get(0).sql()));
    }

    @Test
    void joinsAreColumnEqualitiesBetweenTwoTablesInOnOrWhere() {
        SqlFacts f = facts("SELECT 1 FROM main.shop.sales s JOIN main.shop.customers c ON s.cust_id = c.customer_id, "
                + "main.shop.products p WHERE p.product_id = s.prod_id AND s.qty > 1");
        assertEquals(2, f.joins().size());
        assertEquals(new ColumnRef("main.shop.sales", "cust_id"), f.joins().get(0).left());
        assertEquals(1, f.predicates().size(), "the implicit join in WHERE is a join, not a filter");
    }

    @Test
    void unqualifiedColumnsOfAJoinBelongToTheOneTableKnownToHaveThem() {
        SqlFacts f = facts("SELECT tier, SUM(amt_usd) FROM main.shop.sales s JOIN main.shop.customers c ON s.cust_id = c.customer_id "
                + "GROUP BY tier");
        assertEquals(Set.of(new ColumnRef("main.shop.customers", "tier")), f.selectItems().get(0).columns());
        assertEquals(Set.of(new ColumnRef("main.shop.sales", "amt_usd")), f.selectItems().get(1).columns());
    }

    @Test
    void itemsAreColumnsSimpleAggregatesMeasuresOrExpressionsAndGroupByPositionsPointAtThem() {
        SqlFacts f = facts("SELECT YEAR(sale_dt) AS y, COUNT(*), SUM(amt_usd), SUM(qty * amt_usd), COUNT(DISTINCT cust_id), channel_cd "
                + "FROM main.shop.sales GROUP BY 1, channel_cd");
        assertEquals(List.of(ItemKind.EXPRESSION, ItemKind.SIMPLE_AGGREGATE, ItemKind.SIMPLE_AGGREGATE, ItemKind.MEASURE,
                ItemKind.MEASURE, ItemKind.COLUMN), f.selectItems().stream().map(SqlFacts.Item::kind).toList());
        assertTrue(f.selectItems().get(1).countStar());
        assertEquals("YEAR(sales.sale_dt)", f.groupBy().get(0).sql());
    }

    @Test
    void dateConditionsAreToldFromValueConditions() {
        SqlFacts f = facts("SELECT 1 FROM main.shop.sales WHERE sale_dt >= DATE '2024-01-01' AND YEAR(ship_dt) = 2024 "
                + "AND status IN ('A', 'B') AND qty > 2");
        assertEquals(List.of(true, true, false, false), f.predicates().stream().map(SqlFacts.Predicate::dateLike).toList());
        assertEquals(List.of("A", "B"), f.predicates().get(2).strings());
        assertTrue(f.predicates().get(2).equalsColumn().isPresent());
    }

    @Test
    void anInListFollowedByAndSplitsAsWrittenDespiteTheParserBug() {
        SqlFacts f = facts("SELECT 1 FROM main.shop.sales WHERE status IN ('A') AND qty > 2 AND (channel_cd NOT IN ('X', 'Y') OR qty = 1)");
        assertEquals(List.of("sales.status IN ('A')", "sales.qty > 2", "sales.channel_cd NOT IN ('X', 'Y') OR sales.qty = 1"),
                f.predicates().stream().map(SqlFacts.Predicate::sql).toList());
    }

    @Test
    void aCorrelatedSubqueryKeepsItsOwnAliasAndGetsTheOuterQualifierMadeCanonical() {
        SqlFacts f = facts("SELECT p.product_name FROM main.shop.products p WHERE NOT EXISTS "
                + "(SELECT 1 FROM main.shop.sale_lines l WHERE l.prod_id = p.product_id)");
        assertEquals("NOT EXISTS (SELECT 1 FROM main.shop.sale_lines l WHERE l.prod_id = products.product_id)",
                f.predicates().get(0).sql());
    }

    @Test
    void sqlThatIsNoQueryOrDoesNotParseHasNoFacts() {
        assertFalse(facts("DELETE FROM main.shop.sales").parsed());
        assertFalse(facts("SELEKT 1").parsed());
        assertFalse(facts("").parsed());
    }

    @Test
    void evidenceColumnsAreTheConfiguredOnesPlusWhatTheGroundTruthUses() {
        Map<String, Set<String>> cols = EvidenceColumns.of(ShopSpace.space(), List.of(
                ShopSpace.failure("q1", "?", "SELECT c.tier, SUM(s.qty) FROM main.shop.sales s JOIN main.shop.customers c "
                        + "ON s.cust_id = c.customer_id GROUP BY c.tier", "SELECT made_up FROM main.shop.sales")));
        assertEquals(Set.of("amt_usd", "channel_cd", "status", "qty", "cust_id"), cols.get("main.shop.sales"));
        assertEquals(Set.of("full_name", "tier", "customer_id"), cols.get("main.shop.customers"));
    }
}
