package io.genieenhancer.sandbox.genie;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Word-level normalisation shared by the question parser and the knowledge lexicon, so that a question
 * word and a configured phrase are compared the same way: lower case, punctuation removed, each word
 * singularised ("categories" = "category", "orders" = "order").
 */
final class Text {

    /** Words that never carry meaning on their own; a matched phrase may not start or end with one. */
    static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "with", "and", "or", "is", "are", "was",
            "were", "be", "been", "do", "doe", "did", "have", "ha", "had", "there", "what", "which", "who", "how",
            "me", "our", "we", "i", "it", "its", "this", "that", "these", "those", "all", "any", "give", "tell", "please", "their", "they", "them", "so", "far", "as", "than", "into", "out", "up",
            "many", "much", "by", "per", "each", "every", "across", "during", "since", "between", "after",
            "before", "until", "over", "under", "above", "below", "more", "less", "least", "most", "no", "within",
            "not", "never", "without", "whose", "where", "when", "one", "s", "other");

    /** Question words with a role of their own (aggregation, grouping, ranking...): never matched as a term on their own. */
    static final Set<String> KEYWORDS = Set.of(
            "total", "sum", "number", "count", "average", "avg", "mean", "median", "maximum", "max", "highest", "largest",
            "biggest", "minimum", "min", "lowest", "smallest", "fewest", "top", "bottom", "unique", "distinct",
            "monthly", "quarterly", "yearly", "annual", "annually", "daily", "weekly", "month", "quarter", "year",
            "week", "day", "greater", "exceeding", "overall", "list", "show", "last", "past", "previous");

    static final List<String> MONTHS = List.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december");

    private Text() {
    }

    /** Splits into words: lower case, apostrophes dropped, other punctuation (except inside ISO dates) a separator. */
    static List<String> words(String text) {
        return split(text.toLowerCase(Locale.ROOT));
    }

    /** The same words as {@link #words} with their case as typed ("Gmail", "M5"), position for position. */
    static List<String> casedWords(String text) {
        return split(text);
    }

    private static List<String> split(String text) {
        String t = text.replace("’", "'").replace("'s ", " ").replace("'S ", " ").replace("'", "");
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean dateDash = c == '-' && w.length() > 0 && Character.isDigit(w.charAt(w.length() - 1))
                    && i + 1 < t.length() && Character.isDigit(t.charAt(i + 1));
            boolean decimal = c == '.' && w.length() > 0 && Character.isDigit(w.charAt(w.length() - 1))
                    && i + 1 < t.length() && Character.isDigit(t.charAt(i + 1));
            boolean thousands = c == ',' && w.length() > 0 && Character.isDigit(w.charAt(w.length() - 1))
                    && t.substring(i + 1).matches("(?s)\\d{3}(\\D.*)?"); // "30,000" is one number
            if (thousands) {
                continue;
            }
            if (Character.isLetterOrDigit(c) || dateDash || decimal) {
                w.append(c);
            } else {
                if (w.length() > 0) {
                    out.add(w.toString());
                    w.setLength(0);
                }
            }
        }
        if (w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    /** Indexes (in {@link #words}) of the words that start a sentence after the first: "... year. Cars are ...". */
    static Set<Integer> sentenceStarts(String text) {
        Set<Integer> starts = new java.util.HashSet<>();
        int n = 0;
        for (String sentence : text.split("(?<=[.?!])\\s+(?=[A-Z])")) {
            if (n > 0) {
                starts.add(n);
            }
            n += words(sentence).size();
        }
        return starts;
    }

    /** Crude English singular, applied the same way on both sides of every comparison. */
    static String singular(String w) {
        if (w.length() <= 3 || !Character.isLetter(w.charAt(w.length() - 1))) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("uses") && w.length() > 5 && "tbrnp".indexOf(w.charAt(w.length() - 5)) >= 0) {
            return w.substring(0, w.length() - 2); // statuses, bonuses, viruses, campuses (but houses, causes)
        }
        if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** Normalised word list of a phrase: words, singular. */
    static List<String> norm(String phrase) {
        return words(phrase).stream().map(Text::singular).toList();
    }

    /** Normalised phrase as one string ("Order Items" -> "order item"). */
    static String key(String phrase) {
        return String.join(" ", norm(phrase));
    }

    /** The words of an identifier: {@code net_amt} -> [net, amt]. */
    static List<String> identifierWords(String identifier) {
        return norm(identifier.replace('_', ' '));
    }

    /** Irregular past participles; regular ones end in "ed". */
    private static final Set<String> IRREGULAR_PARTICIPLES = Set.of("made", "sent", "paid", "sold", "done", "given", "taken",
            "bought", "built", "held", "kept", "lost", "won", "spent", "written", "seen", "shown", "known", "driven",
            "chosen", "drawn", "grown", "flown", "begun", "brought", "caught", "taught", "found", "told", "got", "gotten");

    /** A past participle ("received", "made"): in a table's name it qualifies the rows, it does not name them on its own. */
    static boolean isParticiple(String normWord) {
        return (normWord.length() > 4 && normWord.endsWith("ed")) || IRREGULAR_PARTICIPLES.contains(normWord);
    }

    static boolean isStop(String normWord) {
        return STOPWORDS.contains(normWord);
    }

    static boolean isYear(String w) {
        return w.matches("(19|20)\\d\\d");
    }

    static boolean isIsoDate(String w) {
        return w.matches("\\d{4}-\\d{2}-\\d{2}");
    }

    static boolean isNumber(String w) {
        return w.matches("\\d+(\\.\\d+)?");
    }

    /** 1..12 for a month name or its three-letter abbreviation, else 0. */
    static int month(String w) {
        for (int k = 0; k < MONTHS.size(); k++) {
            if (w.equals(MONTHS.get(k)) || (w.length() == 3 && MONTHS.get(k).startsWith(w))) {
                return k + 1;
            }
        }
        return 0;
    }

    static int quarter(String w) {
        return w.matches("q[1-4]") ? w.charAt(1) - '0' : 0;
    }

    static final List<String> ORDINALS = List.of("first", "second", "third", "fourth");

    /** 1..31 for a day of the month ("1", "1st", "22nd"), else 0. */
    static int dayOfMonth(String w) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,2})(st|nd|rd|th)?").matcher(w);
        if (!m.matches()) {
            return 0;
        }
        int d = Integer.parseInt(m.group(1));
        return d >= 1 && d <= 31 ? d : 0;
    }

    /** 1..4 for "1st".."4th" or "first".."fourth" (a quarter's ordinal), else 0. */
    static int ordinal(String w) {
        if (w.matches("[1-4](st|nd|rd|th)")) {
            return w.charAt(0) - '0';
        }
        return ORDINALS.indexOf(w) + 1;
    }

    /** True when {@code needle} occurs in {@code hay} as a contiguous run of words. */
    static boolean containsRun(List<String> hay, List<String> needle) {
        if (needle.isEmpty() || needle.size() > hay.size()) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.size() <= hay.size(); i++) {
            for (int k = 0; k < needle.size(); k++) {
                if (!hay.get(i + k).equals(needle.get(k))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
