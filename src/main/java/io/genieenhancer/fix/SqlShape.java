package io.genieenhancer.fix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SQL tokens in the form two spellings of one query share, for the leakage guard: on top of {@link Text#sqlTokens}
 * (case, whitespace, quoting, comments) every qualifier is dropped ({@code main.sales.orders} and {@code o.amount}
 * become {@code orders} and {@code amount}), alias declarations are dropped ({@code AS total}, {@code orders o},
 * {@code count(*) n}), and a remaining use of an alias or CTE name becomes one placeholder. So renaming aliases or
 * writing the query with or without them changes nothing; reordered clauses change only the few bigrams at their
 * edges; a query wrapped in a CTE or a derived table is found among the {@link #parts}.
 *
 * <p>A token pass, not a parser: it must also read SQL that a parser refuses (an LLM's dialect, a fragment), and it
 * only has to make copies look alike, never to understand a query. Honest queries stay apart because their columns,
 * functions, filters and literals differ.
 */
final class SqlShape {

    /** What stands for any alias or CTE name that is used after its declaration. */
    static final String ALIAS = "?a";

    /** Words that may follow an identifier without being an alias. */
    private static final Set<String> KEYWORDS = Set.of("select", "from", "where", "join", "inner", "left", "right",
            "full", "outer", "cross", "natural", "on", "using", "group", "by", "order", "having", "limit", "offset",
            "union", "intersect", "except", "minus", "all", "distinct", "as", "and", "or", "not", "in", "is", "null",
            "like", "ilike", "rlike", "regexp", "between", "case", "when", "then", "else", "end", "with", "asc", "desc",
            "nulls", "first", "last", "over", "partition", "rows", "range", "window", "qualify", "lateral", "pivot",
            "unpivot", "interval", "true", "false", "filter", "within", "exists", "any", "some", "escape", "div", "values",
            "fetch", "next", "only", "top", "semi", "anti", "following", "preceding", "unbounded", "current", "row",
            "tablesample", "cluster", "distribute", "sort", "recursive", "to", "for", "of", "at", "zone", "set",
            "year", "month", "day", "hour", "minute", "second", "week", "quarter");

    /** Type names after {@code CAST(x AS ...)}: not aliases. */
    private static final Set<String> TYPES = Set.of("int", "integer", "bigint", "smallint", "tinyint", "long", "double",
            "float", "real", "decimal", "numeric", "string", "varchar", "char", "date", "timestamp", "timestamp_ntz",
            "boolean", "bool", "binary", "array", "map", "struct", "void");

    private SqlShape() {
    }

    static List<String> tokens(String sql) {
        return normalise(Text.sqlTokens(sql));
    }

    /** The normalised form of already tokenised SQL (see the class comment). */
    static List<String> normalise(List<String> raw) {
        List<String> t = dropQualifiers(raw);
        Set<String> aliases = new HashSet<>();
        List<String> out = new ArrayList<>(t.size());
        for (int i = 0; i < t.size(); i++) {
            String tok = t.get(i);
            String prev = i > 0 ? t.get(i - 1) : "";
            String next = i + 1 < t.size() ? t.get(i + 1) : "";
            boolean afterAs = prev.equals("as") && isName(tok) && !TYPES.contains(tok);
            // an implicit alias: a name right after a name, a closing parenthesis or END
            boolean implicit = isName(tok) && !next.equals("(") && !next.equals(".")
                    && ((isName(prev) && !prev.equals("as")) || prev.equals(")") || prev.equals("end"));
            if (afterAs || implicit) {
                aliases.add(tok);
                if (afterAs) {
                    out.remove(out.size() - 1); // the AS
                }
                continue; // the declaration itself
            }
            if (isName(tok) && next.equals("as") && i + 2 < t.size() && t.get(i + 2).equals("(")) {
                aliases.add(tok); // a CTE name: WITH name AS (...)
            }
            out.add(tok);
        }
        out.replaceAll(tok -> aliases.contains(tok) ? ALIAS : tok);
        return out;
    }

    /**
     * The whole normalised query and every parenthesised query inside it (CTE bodies, derived tables, subqueries):
     * a copy of a ground truth wrapped in another query is still a copy.
     */
    static List<List<String>> parts(List<String> normalised) {
        List<List<String>> parts = new ArrayList<>();
        parts.add(normalised);
        for (int i = 0; i + 1 < normalised.size(); i++) {
            if (normalised.get(i).equals("(") && (normalised.get(i + 1).equals("select") || normalised.get(i + 1).equals("with"))) {
                int depth = 0;
                for (int j = i; j < normalised.size(); j++) {
                    String tok = normalised.get(j);
                    depth += tok.equals("(") ? 1 : tok.equals(")") ? -1 : 0;
                    if (depth == 0) {
                        parts.add(normalised.subList(i + 1, j));
                        break;
                    }
                }
            }
        }
        return parts;
    }

    /** Where a query's clauses and conditions begin: the order of what lies between them carries no meaning. */
    private static final Set<String> CLAUSE_BREAKS = Set.of(",", "and", "or", "select", "from", "where", "join", "inner",
            "left", "right", "full", "outer", "cross", "natural", "on", "group", "by", "order", "having", "limit",
            "with", "as", "union", "qualify", "distinct", "all");

    /**
     * The multiset of a normalised query's pieces (select items, tables, conditions, keys), with the two sides of an
     * equality in a fixed order: equal for two queries that differ only in the order of their clauses, conditions,
     * joins or {@code a = b} sides.
     */
    static Map<String, Integer> clauses(List<String> normalised) {
        Map<String, Integer> out = new HashMap<>();
        List<String> piece = new ArrayList<>();
        for (String tok : normalised) {
            if (CLAUSE_BREAKS.contains(tok)) {
                addPiece(piece, out);
                piece.clear();
            } else {
                piece.add(tok);
            }
        }
        addPiece(piece, out);
        return out;
    }

    /** Dice similarity of two multisets, in [0, 1]. */
    static double similarity(Map<String, Integer> a, Map<String, Integer> b) {
        int total = a.values().stream().mapToInt(Integer::intValue).sum() + b.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return 1.0;
        }
        int common = 0;
        for (var e : a.entrySet()) {
            common += Math.min(e.getValue(), b.getOrDefault(e.getKey(), 0));
        }
        return 2.0 * common / total;
    }

    private static void addPiece(List<String> piece, Map<String, Integer> out) {
        if (piece.isEmpty()) {
            return;
        }
        int eq = piece.indexOf("=");
        String key;
        if (eq > 0 && eq == piece.lastIndexOf("=")) {
            String left = String.join(" ", piece.subList(0, eq));
            String right = String.join(" ", piece.subList(eq + 1, piece.size()));
            key = left.compareTo(right) <= 0 ? left + " = " + right : right + " = " + left;
        } else {
            key = String.join(" ", piece);
        }
        out.merge(key, 1, Integer::sum);
    }

    /** {@code a . b . c} → {@code c}; {@code o . *} → {@code *}. */
    private static List<String> dropQualifiers(List<String> raw) {
        List<String> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            String tok = raw.get(i);
            if (isName(tok) && i + 2 < raw.size() && raw.get(i + 1).equals(".")
                    && (isName(raw.get(i + 2)) || raw.get(i + 2).equals("*"))) {
                i++; // skip the name and its dot; the next part is read on the next turn
                continue;
            }
            out.add(tok);
        }
        return out;
    }

    private static boolean isName(String tok) {
        if (tok.isEmpty() || KEYWORDS.contains(tok) || tok.equals(ALIAS)) {
            return false;
        }
        char c = tok.charAt(0);
        if (!(Character.isLetter(c) || c == '_')) {
            return false;
        }
        for (int i = 1; i < tok.length(); i++) {
            char d = tok.charAt(i);
            if (!(Character.isLetterOrDigit(d) || d == '_')) {
                return false;
            }
        }
        return true;
    }
}
