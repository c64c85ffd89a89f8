package io.genieenhancer.analysis;

import io.genieenhancer.evaluation.AssessmentReason;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.FixSource;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A small shop space for the rule tests, named unlike the sandbox scenario on purpose: terse column names
 * ({@code amt_usd}, {@code cust_id}, {@code sale_dt}), only a few column configs, one join spec
 * (sale_lines -> sales). Columns the space does not configure are known to the rules from the SQL.
 */
final class ShopSpace {

    static final String SALES = "main.shop.sales";
    static final String CUSTOMERS = "main.shop.customers";
    static final String PRODUCTS = "main.shop.products";
    static final String LINES = "main.shop.sale_lines";

    private ShopSpace() {
    }

    static SpaceConfig space() {
        return space("");
    }

    /** @param tierConfig extra JSON fields of the customers.tier column config ("" for none) */
    static SpaceConfig space(String tierConfig) {
        return SpaceJson.parse("""
                {"version": 2,
                 "data_sources": {"tables": [
                   {"identifier": "main.shop.customers", "description": ["Customers"],
                    "column_configs": [{"column_name": "full_name", "description": ["Customer name"]},
                                       {"column_name": "tier"%s}]},
                   {"identifier": "main.shop.products", "column_configs": [{"column_name": "product_name"}]},
                   {"identifier": "main.shop.sale_lines", "description": ["Lines of a sale"]},
                   {"identifier": "main.shop.sales", "description": ["One row per sale"],
                    "column_configs": [{"column_name": "amt_usd", "description": ["Sale amount in USD"]},
                                       {"column_name": "channel_cd", "description": ["Sales channel"]},
                                       {"column_name": "status"}]}
                 ]},
                 "instructions": {"join_specs": [
                   {"id": "01f0000000000000000000000000000a",
                    "left": {"identifier": "main.shop.sale_lines", "alias": "sale_lines"},
                    "right": {"identifier": "main.shop.sales", "alias": "sales"},
                    "sql": ["`sale_lines`.`sale_id` = `sales`.`sale_id`", "--rt=FROM_RELATIONSHIP_TYPE_MANY_TO_ONE--"]}
                 ]},
                 "benchmarks": {"questions": [
                   {"id": "01f000000000000000000000000000b1", "question": ["What is the total turnover?"],
                    "answer": [{"format": "SQL", "content": ["SELECT SUM(amt_usd) FROM main.shop.sales"]}]}
                 ]}
                }""".formatted(tierConfig.isEmpty() ? "" : ", " + tierConfig));
    }

    static FailureEvidence failure(String id, String question, String expectedSql, String generatedSql) {
        return FailureEvidence.of(id, question, expectedSql, generatedSql, List.of(AssessmentReason.SINGLE_CELL_DIFFERENCE));
    }

    static AnalysisResult analyse(FailureEvidence... failures) {
        return analyse(space(), failures);
    }

    static AnalysisResult analyse(SpaceConfig space, FailureEvidence... failures) {
        AnalysisResult r = new RuleBasedAnalyzer().analyze(space, List.of(failures));
        for (Fix f : r.fixes()) {
            // every rule fix says where it comes from and why
            assertEquals(FixSource.RULE, f.meta().source(), f.toString());
            assertFalse(f.meta().questionIds().isEmpty(), f.toString());
            assertFalse(f.meta().reasoning().isEmpty(), f.toString());
        }
        return r;
    }

    static <T extends Fix> List<T> only(AnalysisResult r, Class<T> type) {
        return r.fixes().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
