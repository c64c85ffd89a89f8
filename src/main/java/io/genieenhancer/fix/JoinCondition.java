package io.genieenhancer.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A join condition in the only form a join spec takes: one or more equalities between a column of the left
 * side and a column of the right side, joined by AND. Knows how to read the analyser's spelling
 * (qualified by alias, table name or full identifier, backticks or not, either side first), how to write
 * the server's form ({@code `alias`.`column` = `alias`.`column`}) and a canonical form that makes
 * "the same join written the other way round" compare equal.
 */
record JoinCondition(List<Pair> pairs) {

    /** {@code leftColumn} belongs to the left side, {@code rightColumn} to the right side. */
    record Pair(String leftColumn, String rightColumn) {
    }

    /** One side of a join: the table identifier and the alias used in the condition. */
    record Side(String table, String alias) {
        boolean names(String qualifier) {
            String q = Text.ident(qualifier);
            return q.equals(Text.ident(alias)) || q.equals(Text.ident(table)) || q.equals(Text.ident(Text.lastPart(table)));
        }
    }

    /**
     * Reads {@code condition} against the two sides. Empty when it is not an AND of column equalities
     * whose columns belong one to each side (the validator says why, with the real SQL parser).
     */
    static Optional<JoinCondition> read(String condition, Side left, Side right) {
        List<String> tokens = Text.sqlTokens(condition);
        List<Pair> pairs = new ArrayList<>();
        int i = 0;
        while (true) {
            int[] pos = {i};
            Optional<List<String>> a = ref(tokens, pos);
            if (a.isEmpty() || pos[0] >= tokens.size() || !tokens.get(pos[0]).equals("=")) {
                return Optional.empty();
            }
            pos[0]++;
            Optional<List<String>> b = ref(tokens, pos);
            if (b.isEmpty()) {
                return Optional.empty();
            }
            Optional<Pair> p = pair(a.get(), b.get(), left, right);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            pairs.add(p.get());
            i = pos[0];
            if (i == tokens.size()) {
                break;
            }
            if (!tokens.get(i).equals("and")) {
                return Optional.empty();
            }
            i++;
        }
        return Optional.of(new JoinCondition(List.copyOf(pairs)));
    }

    /** A column reference: identifiers separated by dots, at least qualifier + column. */
    private static Optional<List<String>> ref(List<String> tokens, int[] pos) {
        List<String> parts = new ArrayList<>();
        int i = pos[0];
        while (i < tokens.size() && isIdent(tokens.get(i))) {
            parts.add(tokens.get(i));
            i++;
            if (i < tokens.size() && tokens.get(i).equals(".")) {
                i++;
            } else {
                break;
            }
        }
        pos[0] = i;
        return parts.size() >= 2 ? Optional.of(parts) : Optional.empty();
    }

    private static boolean isIdent(String t) {
        return !t.isEmpty() && !t.startsWith("'") && !t.equals("and") && !t.equals("or")
                && (Character.isLetterOrDigit(t.charAt(0)) || t.charAt(0) == '_');
    }

    private static Optional<Pair> pair(List<String> a, List<String> b, Side left, Side right) {
        String qa = String.join(".", a.subList(0, a.size() - 1));
        String qb = String.join(".", b.subList(0, b.size() - 1));
        String ca = a.get(a.size() - 1);
        String cb = b.get(b.size() - 1);
        boolean selfJoin = Text.ident(left.table()).equals(Text.ident(right.table()));
        // in a self join only the aliases tell the sides apart
        boolean aLeft = selfJoin ? Text.ident(qa).equals(Text.ident(left.alias())) : left.names(qa);
        boolean aRight = selfJoin ? Text.ident(qa).equals(Text.ident(right.alias())) : right.names(qa);
        boolean bLeft = selfJoin ? Text.ident(qb).equals(Text.ident(left.alias())) : left.names(qb);
        boolean bRight = selfJoin ? Text.ident(qb).equals(Text.ident(right.alias())) : right.names(qb);
        if (aLeft && bRight && !(aRight && bLeft)) {
            return Optional.of(new Pair(ca, cb));
        }
        if (aRight && bLeft && !(aLeft && bRight)) {
            return Optional.of(new Pair(cb, ca));
        }
        return Optional.empty();
    }

    /** The server's first {@code sql} element. */
    String serverSql(String leftAlias, String rightAlias) {
        List<String> parts = new ArrayList<>(pairs.size());
        for (Pair p : pairs) {
            parts.add(quote(leftAlias) + "." + quote(p.leftColumn()) + " = " + quote(rightAlias) + "." + quote(p.rightColumn()));
        }
        return String.join(" AND ", parts);
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "") + "`";
    }

    /**
     * Canonical text: sides ordered by table identifier (then alias, for self joins), equalities sorted,
     * relationship turned round when the sides were swapped.
     */
    static String canonical(Side left, Side right, JoinCondition c, Relationship r) {
        String lt = Text.ident(left.table());
        String rt = Text.ident(right.table());
        boolean swap = lt.compareTo(rt) > 0 || (lt.equals(rt) && Text.ident(left.alias()).compareTo(Text.ident(right.alias())) > 0);
        List<String> eq = new ArrayList<>();
        for (Pair p : c.pairs()) {
            String l = Text.ident(p.leftColumn());
            String rr = Text.ident(p.rightColumn());
            eq.add(swap ? rr + "=" + l : l + "=" + rr);
        }
        eq.sort(null);
        Relationship rel = r == null ? null : swap ? r.reversed() : r;
        return (swap ? rt + "|" + lt : lt + "|" + rt) + ":" + String.join("&", eq) + (rel == null ? "" : ":" + rel.json());
    }

    /** The table pair alone, ordered: what remove_join_spec matches on. */
    static String tablePair(String a, String b) {
        String x = Text.ident(a);
        String y = Text.ident(b);
        return x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x;
    }
}
