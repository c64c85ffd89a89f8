package io.genieenhancer.sql;

import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What SQL the enhancer may run or write into a space: one read-only query, and only functions that
 * compute (no I/O, no secrets, no model calls, no user-defined code). Databricks SQL has functions with
 * side effects or reach ({@code http_request}, {@code read_files}, {@code secret}, {@code ai_query},
 * {@code reflect}); a hostile benchmark answer or LLM reply must not get them executed under the
 * enhancer's identity or planted in a space that other people query. So functions are allow-listed, not
 * deny-listed: a function we do not know is refused, and so is every table function in FROM.
 */
public final class SafeSql {

    /** Built-in Databricks SQL functions that only compute on their arguments (lower case). */
    static final Set<String> ALLOWED_FUNCTIONS = Set.of(
            // aggregates
            "sum", "avg", "mean", "count", "count_if", "min", "max", "min_by", "max_by", "median", "mode", "percentile",
            "percentile_approx", "percentile_cont", "percentile_disc", "approx_percentile", "approx_count_distinct",
            "stddev", "stddev_pop", "stddev_samp", "std", "variance", "var_pop", "var_samp", "corr", "covar_pop",
            "covar_samp", "collect_list", "collect_set", "array_agg", "first", "last", "any_value", "first_value",
            "last_value", "nth_value", "bool_and", "bool_or", "every", "some", "any", "listagg", "string_agg",
            // windows
            "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
            // conditionals and nulls
            "coalesce", "nvl", "nvl2", "ifnull", "nullif", "if", "iff", "greatest", "least", "isnull", "isnotnull",
            "nanvl", "zeroifnull", "nullifzero", "decode",
            // text
            "concat", "concat_ws", "lower", "lcase", "upper", "ucase", "initcap", "trim", "ltrim", "rtrim", "btrim",
            "substring", "substr", "left", "right", "length", "len", "char_length", "character_length", "octet_length",
            "replace", "regexp_replace", "regexp_extract", "regexp_extract_all", "regexp_like", "regexp_count",
            "regexp_substr", "rlike", "split", "split_part", "lpad", "rpad", "instr", "locate", "position", "contains",
            "startswith", "endswith", "format_string", "printf", "format_number", "repeat", "reverse", "translate",
            "ascii", "chr", "char", "soundex", "levenshtein", "overlay", "sentences", "space", "string", "to_char",
            "to_varchar", "to_number", "try_to_number", "mask",
            // numbers
            "abs", "round", "bround", "ceil", "ceiling", "floor", "sqrt", "cbrt", "power", "pow", "exp", "ln", "log",
            "log10", "log2", "log1p", "mod", "pmod", "sign", "signum", "try_divide", "try_add", "try_subtract",
            "try_multiply", "div", "negative", "positive", "pi", "e", "degrees", "radians", "sin", "cos", "tan",
            "asin", "acos", "atan", "atan2", "width_bucket", "try_avg", "try_sum", "bin", "hex", "unhex", "conv",
            // dates and times
            "current_date", "current_timestamp", "now", "curdate", "localtimestamp", "current_timezone", "date_trunc",
            "trunc", "date_add", "date_sub", "dateadd", "datediff", "date_diff", "timestampdiff", "timestampadd",
            "timestamp_diff", "add_months", "months_between", "year", "quarter", "month", "week", "weekofyear", "day",
            "dayofmonth", "dayofweek", "dayofyear", "weekday", "hour", "minute", "second", "extract", "date_part",
            "datepart", "date_format", "to_date", "to_timestamp", "try_to_timestamp", "unix_timestamp", "unix_date",
            "unix_seconds", "unix_millis", "from_unixtime", "from_utc_timestamp", "to_utc_timestamp", "make_date",
            "make_timestamp", "make_interval", "last_day", "next_day", "date", "timestamp", "date_from_unix_date",
            "timestamp_seconds", "timestamp_millis", "convert_timezone", "monthname", "dayname",
            // types and structures
            "cast", "try_cast", "array", "array_contains", "array_distinct", "array_join", "array_size", "size",
            "element_at", "try_element_at", "explode", "explode_outer", "posexplode", "inline", "map", "map_keys",
            "map_values", "struct", "named_struct", "get", "get_json_object", "json_tuple", "from_json", "to_json",
            "schema_of_json", "array_sort", "sort_array", "array_min", "array_max", "array_position", "flatten",
            "sequence", "slice", "arrays_overlap", "array_union", "array_intersect", "array_except", "cardinality",
            "filter", "transform", "exists", "forall", "aggregate", "reduce", "zip_with",
            // hashing and misc pure functions
            "md5", "sha", "sha1", "sha2", "hash", "xxhash64", "crc32", "base64", "unbase64", "typeof", "equal_null",
            "in", "between", "not", "grouping", "grouping_id", "current_catalog", "current_schema", "current_database");

    private SafeSql() {
    }

    /**
     * Problems that keep {@code sql} from running as a benchmark's ground truth: it must parse as exactly one
     * SELECT (or WITH ... SELECT), without {@code INTO}, and call only allowed functions. Empty when safe.
     */
    public static List<String> readOnlyQueryProblems(String sql) {
        if (sql == null || sql.isBlank()) {
            return List.of("the SQL is empty");
        }
        Statements statements;
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(sql);
            statements = parser.Statements();
        } catch (ParseException | RuntimeException e) {
            return List.of("the SQL does not parse as one query: " + String.valueOf(e.getMessage()).strip().lines().findFirst().orElse(""));
        }
        if (statements.size() != 1) {
            return List.of("the SQL must be exactly one statement, found " + statements.size());
        }
        Statement st = statements.get(0);
        if (!(st instanceof Select)) {
            return List.of("the SQL must be a read-only SELECT query, was " + st.getClass().getSimpleName().toUpperCase(Locale.ROOT));
        }
        return functionProblems(st);
    }

    /** Functions a statement calls that are not allowed (and table functions, and SELECT ... INTO). */
    public static List<String> functionProblems(Statement statement) {
        Calls calls = new Calls();
        calls.getTables(statement);
        return calls.problems();
    }

    /** The same for an expression (a snippet, a join condition). */
    public static List<String> functionProblems(Expression expression) {
        Calls calls = new Calls();
        calls.getTables(expression);
        return calls.problems();
    }

    /** Walks every clause JSqlParser's finder knows and records the calls made. */
    private static final class Calls extends TablesNamesFinder<Void> {
        private final Set<String> refused = new LinkedHashSet<>();
        private final List<String> other = new ArrayList<>();

        List<String> problems() {
            List<String> out = new ArrayList<>(other);
            for (String f : refused) {
                out.add("function " + f + " is not allowed: only built-in functions that compute on their arguments may be used"
                        + " (no I/O, secrets, model calls or user-defined functions)");
            }
            return out;
        }

        private void check(String name, boolean qualified) {
            String n = name == null ? "" : name.replace("`", "").toLowerCase(Locale.ROOT);
            if (qualified || !ALLOWED_FUNCTIONS.contains(n)) {
                refused.add(n.isEmpty() ? "(unnamed)" : n);
            }
        }

        @Override
        public <S> Void visit(Function function, S context) {
            List<String> parts = function.getMultipartName();
            check(function.getName(), parts != null && parts.size() > 1);
            return super.visit(function, context);
        }

        @Override
        public <S> Void visit(AnalyticExpression analytic, S context) {
            check(analytic.getName(), false);
            return super.visit(analytic, context);
        }

        @Override
        public <S> Void visit(TableFunction tableFunction, S context) {
            String name = tableFunction.getFunction() == null ? tableFunction.toString() : tableFunction.getFunction().getName();
            other.add("table function " + (name == null ? "" : name.toLowerCase(Locale.ROOT)) + " is not allowed in FROM");
            return super.visit(tableFunction, context);
        }

        @Override
        public <S> Void visit(PlainSelect select, S context) {
            if (select.getIntoTables() != null && !select.getIntoTables().isEmpty()) {
                other.add("SELECT ... INTO writes a table; only read-only queries are allowed");
            }
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(Column column, S context) {
            return null; // the finder would otherwise take a column's qualifier for a table
        }
    }
}
