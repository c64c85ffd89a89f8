package io.genieenhancer.evaluation;

import static io.genieenhancer.evaluation.AssessmentReason.*;
import static io.genieenhancer.evaluation.ResultSet.row;
import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class ResultComparatorTest {

    private final ResultComparator comparator = new ResultComparator();

    private static ResultSet rs(List<String> columns, List<List<String>> rows) {
        return ResultSet.of(columns, rows);
    }

    private static final List<String> REGION_SALES = List.of("region", "sales");

    /** Databricks: "the same data as the SQL Answer but sorted differently" is Good. */
    @Nested
    class Order {
        @Test
        void rows_in_another_order_match() {
            ResultSet expected = rs(REGION_SALES, List.of(row("AMER", "10"), row("EMEA", "20"), row("APJ", "30")));
            ResultSet actual = rs(REGION_SALES, List.of(row("APJ", "30"), row("AMER", "10"), row("EMEA", "20")));

            assertTrue(comparator.compare(expected, actual).matches());
        }

        @Test
        void rows_in_another_order_match_even_when_the_sql_answer_orders_them() {
            String answer = "SELECT region, SUM(amount) FROM sales GROUP BY region ORDER BY 2 DESC";
            String generated = "SELECT region, SUM(amount) FROM sales GROUP BY region ORDER BY 2";
            ResultSet expected = rs(REGION_SALES, List.of(row("APJ", "30"), row("EMEA", "20"), row("AMER", "10")));
            ResultSet actual = rs(REGION_SALES, List.of(row("AMER", "10"), row("EMEA", "20"), row("APJ", "30")));

            Comparison c = comparator.compare(answer, expected, generated, actual);

            assertTrue(c.matches(), c::detail);
        }

        @Test
        void duplicate_rows_count_as_a_multiset_not_a_set() {
            ResultSet expected = rs(List.of("x"), List.of(row("1"), row("1"), row("2")));
            ResultSet actual = rs(List.of("x"), List.of(row("1"), row("2"), row("2")));

            Comparison c = comparator.compare(expected, actual);

            assertFalse(c.matches());
            assertEquals(List.of(RESULT_MISSING_ROWS, RESULT_EXTRA_ROWS), c.reasons());
        }
    }

    /** Databricks: "Genie generates SQL that exactly matches the provided SQL Answer" is Good. */
    @Nested
    class Sql {
        @Test
        void the_sql_answer_itself_matches_whatever_its_rows() {
            String sql = "SELECT id FROM t ORDER BY RAND() LIMIT 1";
            Comparison c = comparator.compare(sql, rs(List.of("id"), List.of(row("1"))), " SELECT id\n FROM t ORDER BY RAND()  LIMIT 1; ",
                    rs(List.of("id"), List.of(row("2"))));

            assertTrue(c.matches());
        }

        @Test
        void other_sql_is_judged_by_its_rows() {
            Comparison c = comparator.compare("SELECT 1", rs(List.of("x"), List.of(row("1"))), "select 2",
                    rs(List.of("x"), List.of(row("2"))));

            assertFalse(c.matches());
            assertFalse(ResultComparator.sameSql("SELECT 'A'", "SELECT 'a'"), "literals are case-sensitive");
            assertFalse(ResultComparator.sameSql("", ""), "no SQL answer is never a match by text");
        }
    }

    /** Databricks: numeric values "that round to the same 4 significant digits" are Good. */
    @Nested
    class Numbers {
        @Test
        void numbers_equal_after_rounding_to_four_significant_digits_match() {
            ResultSet expected = rs(List.of("avg"), List.of(row("0.333333333")));
            ResultSet actual = rs(List.of("avg"), List.of(row("0.33333")));

            assertTrue(comparator.compare(expected, actual).matches());
        }

        @Test
        void integers_and_decimals_and_exponents_of_the_same_value_match() {
            ResultSet expected = rs(List.of("n", "m"), List.of(row("5", "1200")));
            ResultSet actual = rs(List.of("n", "m"), List.of(row("5.000", "1.2E3")));

            assertTrue(comparator.compare(expected, actual).matches());
        }

        @Test
        void significant_digits_not_decimals_decide() {
            assertTrue(comparator.compare(rs(List.of("n"), List.of(row("12345"))), rs(List.of("n"), List.of(row("12349")))).matches());
            assertTrue(comparator.compare(rs(List.of("n"), List.of(row("0.000123449"))), rs(List.of("n"), List.of(row("0.0001234"))))
                    .matches());
            assertFalse(comparator.compare(rs(List.of("n"), List.of(row("0.0001234"))), rs(List.of("n"), List.of(row("0.0001235"))))
                    .matches(), "four decimals would call these equal; four significant digits do not");
        }

        @Test
        void a_difference_in_the_fourth_significant_digit_fails_its_row() {
            ResultSet expected = rs(REGION_SALES, List.of(row("AMER", "0.1234"), row("EMEA", "5")));
            ResultSet actual = rs(REGION_SALES, List.of(row("AMER", "0.1235"), row("EMEA", "5")));

            Comparison c = comparator.compare(expected, actual);

            assertEquals(List.of(RESULT_MISSING_ROWS, RESULT_EXTRA_ROWS), c.reasons());
        }

        @Test
        void the_number_of_significant_digits_is_configurable() {
            ResultComparator twoDecimals = new ResultComparator(new ComparisonOptions(2, true));
            ResultSet expected = rs(List.of("x"), List.of(row("0.123")));
            ResultSet actual = rs(List.of("x"), List.of(row("0.1249")));

            assertTrue(twoDecimals.compare(expected, actual).matches());
            assertFalse(comparator.compare(expected, actual).matches());
        }

        @Test
        void negative_zero_equals_zero() {
            assertTrue(comparator.compare(rs(List.of("x"), List.of(row("0"))), rs(List.of("x"), List.of(row("-0.000"))))
                    .matches());
        }

        @Test
        void text_that_is_not_a_number_is_compared_exactly() {
            Comparison c = comparator.compare(rs(List.of("x"), List.of(row("Amer"))), rs(List.of("x"), List.of(row("AMER"))));

            assertFalse(c.matches());
        }
    }

    @Nested
    class Columns {
        @Test
        void column_names_are_ignored() {
            ResultSet expected = rs(List.of("customer", "total_revenue"), List.of(row("a", "1"), row("b", "2")));
            ResultSet actual = rs(List.of("name", "SUM(order_amount)"), List.of(row("a", "1"), row("b", "2")));

            assertTrue(comparator.compare(expected, actual).matches());
        }

        @Test
        void columns_in_another_order_are_paired_by_their_values() {
            ResultSet expected = rs(List.of("region", "orders", "sales"), List.of(row("AMER", "3", "10"), row("EMEA", "4", "20")));
            ResultSet actual = rs(List.of("sales", "region", "orders"), List.of(row("20", "EMEA", "4"), row("10", "AMER", "3")));

            assertTrue(comparator.compare(expected, actual).matches());
        }

        /** Databricks: "a result set that includes extra columns compared to the SQL Answer" is Bad. */
        @Test
        void an_extra_column_fails_by_default() {
            ResultSet expected = rs(REGION_SALES, List.of(row("AMER", "10")));
            ResultSet actual = rs(List.of("region", "orders", "sales"), List.of(row("AMER", "3", "10")));

            Comparison c = comparator.compare(expected, actual);

            assertFalse(c.matches());
            assertEquals(List.of(RESULT_EXTRA_COLUMNS), c.reasons());
        }

        @Test
        void an_extra_column_is_tolerated_and_noted_when_allowed() {
            ResultComparator lenient = new ResultComparator(new ComparisonOptions(4, true));
            ResultSet expected = rs(REGION_SALES, List.of(row("AMER", "10"), row("EMEA", "20")));
            ResultSet actual = rs(List.of("region", "orders", "sales"), List.of(row("AMER", "3", "10"), row("EMEA", "4", "20")));

            Comparison c = lenient.compare(expected, actual);

            assertTrue(c.matches());
            assertEquals(List.of(RESULT_EXTRA_COLUMNS), c.tolerated());
        }

        @Test
        void a_missing_column_fails() {
            ResultSet expected = rs(List.of("region", "orders", "sales"), List.of(row("AMER", "3", "10")));
            ResultSet actual = rs(REGION_SALES, List.of(row("AMER", "10")));

            Comparison c = comparator.compare(expected, actual);

            assertFalse(c.matches());
            assertEquals(List.of(RESULT_MISSING_COLUMNS), c.reasons());
        }

        @Test
        void columns_with_partly_different_values_are_paired_by_shared_values_and_report_row_differences() {
            ResultSet expected = rs(List.of("region", "sales"), List.of(row("AMER", "10"), row("EMEA", "20"), row("APJ", "30")));
            // swapped columns and one row missing: pairing must still find region<->region
            ResultSet actual = rs(List.of("sales", "region"), List.of(row("10", "AMER"), row("20", "EMEA")));

            Comparison c = comparator.compare(expected, actual);

            assertEquals(List.of(RESULT_MISSING_ROWS), c.reasons());
        }

        @Test
        void a_midnight_timestamp_equals_its_date() {
            ResultSet expected = new ResultSet(List.of("day"), List.of("DATE"), List.of(row("2024-01-01")), false);
            ResultSet actual = new ResultSet(List.of("day"), List.of("TIMESTAMP"), List.of(row("2024-01-01T00:00:00.000Z")), false);

            assertTrue(comparator.compare(expected, actual).matches());
            assertFalse(comparator.compare(expected, rs(List.of("t"), List.of(row("2024-01-01T09:30:00.000Z")))).matches());
        }

        @Test
        void a_type_difference_on_a_paired_column_is_reported_when_types_are_known() {
            ResultSet expected = new ResultSet(List.of("day"), List.of("DATE"), List.of(row("2024-01-01")), false);
            ResultSet actual = new ResultSet(List.of("day"), List.of("TIMESTAMP"), List.of(row("2024-01-02T00:00:00.000Z")), false);

            Comparison c = comparator.compare(expected, actual);

            assertTrue(c.reasons().containsAll(List.of(COLUMN_TYPE_DIFFERENCE, SINGLE_CELL_DIFFERENCE)), c.reasons()::toString);
        }

        @Test
        void integer_widths_are_not_a_type_difference() {
            assertEquals(ResultComparator.typeFamily("BIGINT"), ResultComparator.typeFamily("INT"));
            assertEquals(ResultComparator.typeFamily("DOUBLE"), ResultComparator.typeFamily("DECIMAL(10,2)"));
            assertNotEquals(ResultComparator.typeFamily("TIMESTAMP"), ResultComparator.typeFamily("DATE"));
        }
    }

    @Nested
    class Nulls {
        @Test
        void null_equals_null() {
            ResultSet expected = rs(REGION_SALES, List.of(row("AMER", null), row(null, "2")));
            ResultSet actual = rs(REGION_SALES, List.of(row(null, "2"), row("AMER", null)));

            assertTrue(comparator.compare(expected, actual).matches());
        }

        @Test
        void null_is_not_zero_nor_the_text_null() {
            ResultSet expected = rs(List.of("x"), List.of(row((String) null)));

            assertFalse(comparator.compare(expected, rs(List.of("x"), List.of(row("0")))).matches());
            assertFalse(comparator.compare(expected, rs(List.of("x"), List.of(row("null")))).matches());
            assertFalse(comparator.compare(expected, rs(List.of("x"), List.of(row("")))).matches());
        }
    }

    @Nested
    class Rows {
        @Test
        void an_empty_genie_result_is_empty_result() {
            Comparison c = comparator.compare(rs(REGION_SALES, List.of(row("AMER", "1"))), rs(REGION_SALES, List.of()));

            assertEquals(List.of(EMPTY_RESULT), c.reasons());
        }

        @Test
        void two_empty_results_match() {
            assertTrue(comparator.compare(rs(REGION_SALES, List.of()), rs(List.of("a"), List.of())).matches());
        }

        @Test
        void rows_when_none_were_expected_are_extra_rows() {
            Comparison c = comparator.compare(rs(REGION_SALES, List.of()), rs(REGION_SALES, List.of(row("AMER", "1"))));

            assertEquals(List.of(RESULT_EXTRA_ROWS), c.reasons());
        }

        @Test
        void missing_rows_are_reported() {
            ResultSet expected = rs(REGION_SALES, List.of(row("AMER", "10"), row("EMEA", "20"), row("APJ", "30")));
            ResultSet actual = rs(REGION_SALES, List.of(row("AMER", "10")));

            Comparison c = comparator.compare(expected, actual);

            assertEquals(List.of(RESULT_MISSING_ROWS), c.reasons());
            assertTrue(c.detail().contains("2 expected row(s) missing"), c.detail());
        }

        @Test
        void extra_rows_are_reported() {
            ResultSet expected = rs(REGION_SALES, List.of(row("AMER", "10")));
            ResultSet actual = rs(REGION_SALES, List.of(row("AMER", "10"), row("EMEA", "20")));

            assertEquals(List.of(RESULT_EXTRA_ROWS), comparator.compare(expected, actual).reasons());
        }

        @Test
        void different_rows_are_both_missing_and_extra() {
            ResultSet expected = rs(REGION_SALES, List.of(row("AMER", "10"), row("EMEA", "20")));
            ResultSet actual = rs(REGION_SALES, List.of(row("APJ", "30"), row("LATAM", "40")));

            assertEquals(java.util.Set.of(RESULT_MISSING_ROWS, RESULT_EXTRA_ROWS), java.util.Set.copyOf(comparator.compare(expected, actual).reasons()));
        }

        /** The API's SINGLE_CELL_DIFFERENCE: "single value result was produced but differs from ground truth result". */
        @Test
        void a_different_single_value_is_a_single_cell_difference() {
            Comparison c = comparator.compare(rs(List.of("n"), List.of(row("7"))), rs(List.of("total"), List.of(row("8"))));

            assertEquals(List.of(SINGLE_CELL_DIFFERENCE), c.reasons());
        }

        @Test
        void one_differing_value_in_a_larger_result_fails_its_row() {
            ResultSet expected = rs(REGION_SALES, List.of(row("APJ", "30"), row("EMEA", "20")));
            ResultSet actual = rs(REGION_SALES, List.of(row("APJ", "31"), row("EMEA", "20")));

            assertEquals(List.of(RESULT_MISSING_ROWS, RESULT_EXTRA_ROWS), comparator.compare(expected, actual).reasons());
        }

        @Test
        void a_result_with_a_missing_tail_is_missing_rows() {
            ResultSet expected = rs(REGION_SALES, List.of(row("APJ", "30"), row("EMEA", "20"), row("AMER", "10")));
            ResultSet actual = rs(REGION_SALES, List.of(row("APJ", "30"), row("EMEA", "20")));

            assertEquals(List.of(RESULT_MISSING_ROWS), comparator.compare(expected, actual).reasons());
        }
    }

    @Nested
    class Truncation {
        private ResultSet numbers(int from, int to, boolean truncated) {
            List<List<String>> rows = new ArrayList<>();
            for (int i = from; i < to; i++) {
                rows.add(row(String.valueOf(i)));
            }
            return new ResultSet(List.of("n"), List.of(), rows, truncated);
        }

        @Test
        void a_truncated_ground_truth_contained_in_genies_rows_matches() {
            // ground truth capped at 3 rows (unordered: any 3), Genie returned all 5
            assertTrue(comparator.compare(numbers(2, 5, true), numbers(0, 5, false)).matches());
        }

        @Test
        void a_truncated_ground_truth_with_a_row_genie_lacks_is_missing_rows() {
            Comparison c = comparator.compare(numbers(0, 3, true), numbers(1, 5, false));

            assertEquals(List.of(RESULT_MISSING_ROWS), c.reasons());
        }

        @Test
        void a_truncated_genie_result_contained_in_the_ground_truth_matches() {
            assertTrue(comparator.compare(numbers(0, 10, false), numbers(0, 4, true)).matches());
        }

        @Test
        void a_truncated_genie_result_with_rows_outside_the_ground_truth_is_extra_rows() {
            Comparison c = comparator.compare(numbers(0, 3, false), numbers(2, 6, true));

            assertEquals(List.of(RESULT_EXTRA_ROWS), c.reasons());
        }

        @Test
        void two_truncated_unordered_results_that_differ_are_inconclusive() {
            Comparison c = comparator.compare(numbers(0, 3, true), numbers(5, 8, true));

            assertEquals(Comparison.Verdict.INCONCLUSIVE, c.verdict());
            assertEquals(List.of(RESULT_TRUNCATED), c.reasons());
        }

        @Test
        void capping_a_result_marks_it_truncated_only_when_rows_were_dropped() {
            assertFalse(numbers(0, 3, false).capped(3).truncated());
            ResultSet capped = numbers(0, 5, false).capped(3);
            assertTrue(capped.truncated());
            assertEquals(3, capped.rowCount());
        }
    }
}
