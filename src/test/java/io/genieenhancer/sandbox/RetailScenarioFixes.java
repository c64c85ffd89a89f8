package io.genieenhancer.sandbox;

import io.genieenhancer.space.SpaceConfig;

/**
 * The knowledge the bundled retail space lacks, written by hand as the kinds of fixes the enhancer makes.
 * Applying all of it must make the sandbox Genie answer (almost) every benchmark right: proof that the
 * scenario's failures are fixable by configuration alone.
 */
final class RetailScenarioFixes {

    static final String C = "main.retail.customers";
    static final String OI = "main.retail.order_items";
    static final String O = "main.retail.orders";
    static final String P = "main.retail.products";
    static final String S = "main.retail.stores";

    private RetailScenarioFixes() {
    }

    static SpaceConfig ideal(SpaceConfig baseline) {
        return withoutExamples(baseline).example("Which products have never been ordered?",
                "SELECT p.product_name FROM main.retail.products p\n"
                        + "WHERE NOT EXISTS (SELECT 1 FROM main.retail.order_items oi WHERE oi.sku = p.product_id)").result();
    }

    /** Everything except example SQL (the one kind a rule-based analyser may not produce). */
    static SpaceEdits withoutExamples(SpaceConfig baseline) {
        return new SpaceEdits(baseline)
                // synonyms
                .synonyms(OI, "net_amt", "revenue", "sales")
                .synonyms(OI, "qty", "units", "quantity")
                .synonyms(OI, "disc_pct", "discount")
                .synonyms(C, "seg_cd", "segment")
                // descriptions
                .columnDescription(O, "ord_dt", "Date the order was placed")
                .tableDescription(OI, "One row per order line: a product in an order")
                // join specs
                .joinSpec(O, "orders", C, "customers", "`orders`.`customer_id` = `customers`.`customer_id`", "MANY_TO_ONE")
                .joinSpec(OI, "order_items", P, "products", "`order_items`.`sku` = `products`.`product_id`", "MANY_TO_ONE")
                // entity matching
                .entityMatching(C, "loyalty_tier")
                .entityMatching(C, "status")
                .entityMatching(O, "status")
                .entityMatching(O, "channel")
                .entityMatching(S, "country")
                // snippets
                .filter("fulfilled orders", "orders.status = 'COMPLETED'")
                .filter("discounted", "order_items.disc_pct > 0", "on discount")
                .measure("avg_order_value", "average order value",
                        "SUM(order_items.net_amt) / COUNT(DISTINCT order_items.order_id)", "aov")
                .measure("gross_margin", "gross margin", "SUM(order_items.net_amt - order_items.qty * products.unit_cost)")
                .expression("price_band", "price band",
                        "CASE WHEN products.list_price < 50 THEN 'Budget' WHEN products.list_price < 200 THEN 'Mid-range' ELSE 'Premium' END")
                // text instructions
                .instruction("\"Europe\" means stores.region = 'EMEA'.", "Use orders.ord_dt as the default date for orders.");
    }
}
