package io.genieenhancer.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Word-level reading of questions and identifiers for the rule-based analyser: lower-case words, a crude
 * singular so that "orders" meets {@code orders} and "units" meets "unit", the function words a question is
 * built from (which never name anything), and the abbreviations column names are written in
 * ({@code qty}, {@code amt}, {@code seg_cd}). English only, on purpose small: a rule that needs more than this
 * to see a match is guessing, and guesses get LOW confidence.
 */
final class Words {

    /** Function words, question words and the verbs analytics questions are phrased with. */
    static final Set<String> FILLER = Set.of(
            "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "and", "or", "is", "are", "was", "were",
            "be", "been", "being", "do", "does", "did", "have", "has", "had", "there", "what", "which", "who", "whom", "how",
            "when", "where", "why", "whose", "me", "my", "our", "us", "we", "i", "you", "your", "it", "its", "this", "that",
            "these", "those", "all", "any", "some", "give", "show", "list", "tell", "find", "get", "got", "return", "display",
            "please", "their", "they", "them", "so", "far", "as", "than", "into", "out", "up", "down", "many", "much", "by",
            "per", "each", "every", "across", "during", "since", "between", "after", "before", "until", "till", "over",
            "under", "above", "below", "more", "less", "fewer", "least", "most", "one", "s", "about", "overall", "ever",
            "sold", "sell", "placed", "place", "made", "make", "signed", "sign", "opened", "open", "bought", "buy", "purchased",
            "generated", "earned", "happened", "occurred", "exist",
            "exists", "recorded", "registered", "created", "went", "come", "came", "can", "could", "would", "should",
            "will", "shall", "may", "might", "must", "whats", "compute", "calculate", "break", "broken", "split", "versus",
            "vs", "only", "just", "also", "same", "other", "again", "if", "then", "else", "both", "either", "such",
            // adverbs of time or degree say when or how much, never which rows: "currently pending" is "pending"
            "currently", "still", "now", "presently", "already", "yet", "right", "really", "actually");

    /** Words with a role of their own in an analytics question: aggregation, ranking, time grain, comparison. */
    static final Set<String> ROLE = Set.of(
            "total", "sum", "number", "count", "average", "avg", "mean", "median", "maximum", "max", "highest", "largest",
            "biggest", "greatest", "minimum", "min", "lowest", "smallest", "top", "bottom", "unique", "distinct", "monthly",
            "quarterly", "yearly", "annual", "annually", "daily", "weekly", "hourly", "month", "quarter", "year", "week", "day",
            "hour", "date", "time", "greater", "higher", "lower", "exceeding", "exceed", "exceeds", "equal", "first", "last",
            "latest", "earliest", "recent", "ytd", "mtd", "today", "yesterday", "current", "previous", "next", "ago",
            "percent", "percentage", "share", "ratio", "rate", "growth", "change", "trend", "rank", "ranking");

    /** Negations: they belong to the phrase after them ("never ordered" is not "ordered"). */
    static final Set<String> NEGATION = Set.of("not", "never", "no", "without", "non", "none");

    /** Time-grain words: a derived column named only by these is a date grain, which the date rules handle. */
    static final Set<String> GRAIN = Set.of("day", "daily", "week", "weekly", "month", "monthly", "quarter", "quarterly",
            "year", "yearly", "annual", "annually", "hour", "hourly", "date", "time", "period");

    static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december");

    /**
     * Short forms seen in column names and aliases, with the question words they stand for. Both directions are
     * looked up, so {@code avg_order_value} meets "average order value" and {@code max_price} meets "highest price".
     */
    static final Map<String, Set<String>> ABBREVIATIONS = Map.ofEntries(
            Map.entry("avg", Set.of("average", "mean")),
            Map.entry("amt", Set.of("amount")),
            Map.entry("qty", Set.of("quantity", "unit")),
            Map.entry("pct", Set.of("percent", "percentage")),
            Map.entry("cd", Set.of("code")),
            Map.entry("num", Set.of("number")),
            Map.entry("nbr", Set.of("number")),
            Map.entry("no", Set.of("number")),
            Map.entry("cnt", Set.of("count", "number")),
            Map.entry("dt", Set.of("date", "day")),
            Map.entry("ts", Set.of("timestamp", "time")),
            Map.entry("desc", Set.of("description")),
            Map.entry("cust", Set.of("customer")),
            Map.entry("prod", Set.of("product")),
            Map.entry("cat", Set.of("category")),
            Map.entry("rev", Set.of("revenue")),
            Map.entry("addr", Set.of("address")),
            Map.entry("max", Set.of("maximum", "highest", "largest", "biggest", "greatest", "top")),
            Map.entry("min", Set.of("minimum", "lowest", "smallest")),
            Map.entry("sum", Set.of("total")),
            Map.entry("tot", Set.of("total")),
            Map.entry("yr", Set.of("year")),
            Map.entry("mth", Set.of("month")),
            Map.entry("mon", Set.of("month")),
            Map.entry("qtr", Set.of("quarter")),
            Map.entry("wk", Set.of("week")),
            Map.entry("dept", Set.of("department")),
            Map.entry("mgr", Set.of("manager")),
            Map.entry("emp", Set.of("employee")),
            Map.entry("acct", Set.of("account")),
            Map.entry("txn", Set.of("transaction")),
            Map.entry("trx", Set.of("transaction")),
            Map.entry("inv", Set.of("invoice", "inventory")),
            Map.entry("disc", Set.of("discount")),
            Map.entry("seg", Set.of("segment")),
            Map.entry("ord", Set.of("order")),
            Map.entry("ship", Set.of("shipping", "shipment", "shipped")));

    private Words() {
    }

    /** Lower-case words of free text: letters and digits; an ISO date or a decimal stays one word. */
    static List<String> of(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace('’', '\'').replace("'s ", " ").replace("'", "");
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean joiner = (c == '-' || c == '.') && w.length() > 0 && Character.isDigit(w.charAt(w.length() - 1))
                    && i + 1 < t.length() && Character.isDigit(t.charAt(i + 1));
            if (Character.isLetterOrDigit(c) || joiner) {
                w.append(c);
            } else if (w.length() > 0) {
                out.add(w.toString());
                w.setLength(0);
            }
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    /** The words of an identifier, singular: {@code order_items} -> [order, item], {@code netAmt} -> [net, amt]. */
    static List<String> ofIdentifier(String identifier) {
        String spaced = identifier.replace("`", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ');
        return of(spaced).stream().map(Words::singular).toList();
    }

    /** Singular words of a phrase. */
    static List<String> singularOf(String phrase) {
        return of(phrase).stream().map(Words::singular).toList();
    }

    /** A deliberately crude English singular, applied the same way on every side of a comparison. */
    static String singular(String w) {
        if (w.length() <= 3 || !Character.isLetter(w.charAt(w.length() - 1))) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    static boolean isFiller(String w) {
        return FILLER.contains(w);
    }

    static boolean isRole(String w) {
        return ROLE.contains(w) || ROLE.contains(singular(w));
    }

    /** A year, a date, a number, a month or a quarter: the question's own literal, never a name. */
    static boolean isLiteral(String w) {
        return w.matches("\\d+([.-]\\d+)*") || MONTHS.contains(w) || w.matches("q[1-4]")
                || (w.length() == 3 && MONTHS.stream().anyMatch(m -> m.startsWith(w)) && !w.equals("mar") && !w.equals("may"));
    }

    static boolean isTimeLiteral(String w) {
        return w.matches("(19|20)\\d\\d") || w.matches("\\d{4}-\\d{2}(-\\d{2})?") || MONTHS.contains(w) || w.matches("q[1-4]");
    }

    /**
     * Whether a word of a name (column, alias) and a question word say the same: equal (singular), an
     * abbreviation of it, or a prefix of at least three letters ({@code disc} / "discounted", {@code seg} / "segment").
     */
    static boolean same(String nameWord, String questionWord) {
        String a = singular(nameWord);
        String b = singular(questionWord);
        if (a.equals(b)) {
            return true;
        }
        Set<String> longA = ABBREVIATIONS.get(a);
        if (longA != null && longA.contains(b)) {
            return true;
        }
        Set<String> longB = ABBREVIATIONS.get(b);
        if (longB != null && longB.contains(a)) {
            return true;
        }
        if (a.length() >= 3 && b.length() >= 3 && !a.chars().allMatch(Character::isDigit)) {
            return (b.startsWith(a) && a.length() >= 3) || (a.startsWith(b) && b.length() >= 4);
        }
        return false;
    }
}
