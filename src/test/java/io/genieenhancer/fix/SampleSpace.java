package io.genieenhancer.fix;

import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;

/** A small but complete space for fix tests: three tables, instructions of every kind, benchmarks, unknown fields. */
final class SampleSpace {

    static final String TEXT_ID = "01f0a1b2c3d4e5f60718293a4b5c6d80";
    static final String EXAMPLE_ID = "01f0a1b2c3d4e5f60718293a4b5c6d81";
    static final String FUNCTION_ID = "01f0a1b2c3d4e5f60718293a4b5c6d82";
    static final String JOIN_ID = "01f0a1b2c3d4e5f60718293a4b5c6d83";
    static final String FILTER_ID = "01f0a1b2c3d4e5f60718293a4b5c6d84";
    static final String EXPRESSION_ID = "01f0a1b2c3d4e5f60718293a4b5c6d85";
    static final String MEASURE_ID = "01f0a1b2c3d4e5f60718293a4b5c6d86";
    static final String BENCH_AVG_ID = "01f0a1b2c3d4e5f60718293a4b5c6d87";
    static final String BENCH_TOP_ID = "01f0a1b2c3d4e5f60718293a4b5c6d88";

    static final String BENCH_TOP_SQL = "SELECT c.name, SUM(o.order_amount) AS total FROM main.sales.orders o "
            + "JOIN main.sales.customers c ON o.customer_id = c.customer_id WHERE o.status <> 'cancelled' "
            + "GROUP BY c.name ORDER BY total DESC LIMIT 5";

    static final String JSON = """
            {
              "version": 2,
              "x_top_level": {"keep": true},
              "config": {
                "sample_questions": [
                  {"id": "01f0a1b2c3d4e5f60718293a4b5c6d70", "question": ["What were total sales last month?"], "x_sample": 1}
                ],
                "x_config": "c"
              },
              "data_sources": {
                "tables": [
                  {
                    "identifier": "main.sales.customers",
                    "description": ["One row per customer"],
                    "x_table": [1, 2],
                    "column_configs": [
                      {"column_name": "customer_id", "exclude": false},
                      {"column_name": "name", "synonyms": ["customer name"]},
                      {"column_name": "region", "description": ["Sales region code: AMER, EMEA, APJ"],
                       "synonyms": ["territory", "area"], "enable_format_assistance": true, "enable_entity_matching": true,
                       "x_column": {"deep": ["a"]}},
                      {"column_name": "segment"}
                    ]
                  },
                  {
                    "identifier": "main.sales.orders",
                    "description": ["Order line items, FY2024+"],
                    "column_configs": [
                      {"column_name": "customer_id"},
                      {"column_name": "etl_ts", "exclude": true},
                      {"column_name": "order_amount", "description": ["Net amount in USD"], "synonyms": ["revenue", "sales"]},
                      {"column_name": "order_date"},
                      {"column_name": "order_id"},
                      {"column_name": "product_id"},
                      {"column_name": "status"}
                    ]
                  },
                  {
                    "identifier": "main.sales.products",
                    "column_configs": [
                      {"column_name": "category"},
                      {"column_name": "name"},
                      {"column_name": "product_id"}
                    ]
                  }
                ],
                "metric_views": [],
                "x_data_sources": "d"
              },
              "instructions": {
                "text_instructions": [
                  {"id": "01f0a1b2c3d4e5f60718293a4b5c6d80",
                   "content": ["Fiscal year starts April 1.\\n", "Exclude cancelled orders unless asked.\\n"], "x_text": "t"}
                ],
                "example_question_sqls": [
                  {"id": "01f0a1b2c3d4e5f60718293a4b5c6d81",
                   "question": ["Top 10 customers by revenue"],
                   "sql": ["SELECT c.name, SUM(o.order_amount) AS revenue\\n", "FROM main.sales.orders o\\n",
                           "JOIN main.sales.customers c ON o.customer_id = c.customer_id\\n",
                           "GROUP BY c.name ORDER BY revenue DESC LIMIT 10"],
                   "usage_guidance": ["Pattern for any top-N ranking question"], "x_example": true}
                ],
                "sql_functions": [
                  {"id": "01f0a1b2c3d4e5f60718293a4b5c6d82", "identifier": "main.sales.fiscal_quarter"}
                ],
                "join_specs": [
                  {"id": "01f0a1b2c3d4e5f60718293a4b5c6d83",
                   "left":  {"identifier": "main.sales.orders", "alias": "orders"},
                   "right": {"identifier": "main.sales.customers", "alias": "customers"},
                   "sql": ["`orders`.`customer_id` = `customers`.`customer_id`", "--rt=FROM_RELATIONSHIP_TYPE_MANY_TO_ONE--"],
                   "comment": ["Orders to customer attributes"], "x_join": "j"}
                ],
                "sql_snippets": {
                  "filters": [{"id": "01f0a1b2c3d4e5f60718293a4b5c6d84", "display_name": "high value orders",
                               "sql": ["orders.order_amount > 1000"], "synonyms": ["large orders"]}],
                  "expressions": [{"id": "01f0a1b2c3d4e5f60718293a4b5c6d85", "alias": "order_year",
                                   "display_name": "Order Year", "sql": ["YEAR(orders.order_date)"]}],
                  "measures": [{"id": "01f0a1b2c3d4e5f60718293a4b5c6d86", "alias": "total_revenue",
                                "display_name": "Total Revenue", "sql": ["SUM(orders.order_amount)"], "synonyms": ["turnover"]}],
                  "x_snippets": 3
                }
              },
              "benchmarks": {
                "questions": [
                  {"id": "01f0a1b2c3d4e5f60718293a4b5c6d87",
                   "question": ["What is the average order value?"],
                   "answer": [{"format": "SQL", "content": ["SELECT AVG(order_amount) FROM main.sales.orders"]}]},
                  {"id": "01f0a1b2c3d4e5f60718293a4b5c6d88",
                   "question": ["Who are our five biggest customers by total spend?"],
                   "answer": [{"format": "SQL", "content": ["%s"]}]}
                ]
              }
            }
            """.formatted(BENCH_TOP_SQL);

    private SampleSpace() {
    }

    static SpaceConfig space() {
        return SpaceJson.parse(JSON);
    }
}
