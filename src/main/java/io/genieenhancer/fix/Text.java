package io.genieenhancer.fix;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Normalisation used by keys, dedupe and the leakage guard. One place, so "the same" means one thing. */
final class Text {

    /** Values longer than this are shortened in keys (prefix + digest) so keys stay readable. */
    private static final int KEY_VALUE_CHARS = 80;

    private Text() {
    }

    /** NFKC, lower case, trimmed, whitespace runs folded to one space. */
    static String norm(String s) {
        if (isNormalAscii(s)) {
            return s;
        }
        // most values are ASCII, which NFKC leaves alone: skip the normaliser for them (it is the hot path)
        String n = (isAscii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(n.length());
        boolean space = false;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Already lower-case ASCII with single inner spaces: nothing to do (names usually are). */
    private static boolean isNormalAscii(String s) {
        int n = s.length();
        if (n == 0) {
            return true;
        }
        if (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') {
            return false;
        }
        char prev = 'x';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z') || (c < 0x20) || (c == ' ' && prev == ' ') || c == 0x7f) {
                return false;
            }
            prev = c;
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** A table or column name as the space compares it: no quoting, lower case. */
    static String ident(String s) {
        return norm(s.replace("`", "").replace("\"", ""));
    }

    /** The last part of a dotted identifier. */
    static String lastPart(String identifier) {
        int dot = identifier.lastIndexOf('.');
        return dot < 0 ? identifier : identifier.substring(dot + 1);
    }

    /**
     * The key of a synonym: case, whitespace, surrounding punctuation and a plural last word do not make a
     * different synonym ("Revenues", " revenue " and "revenue." are one).
     */
    static String synonymKey(String s) {
        String n = norm(s);
        int a = 0;
        int b = n.length();
        while (a < b && !Character.isLetterOrDigit(n.charAt(a))) {
            a++;
        }
        while (b > a && !Character.isLetterOrDigit(n.charAt(b - 1))) {
            b--;
        }
        n = n.substring(a, b);
        int sp = n.lastIndexOf(' ');
        return n.substring(0, sp + 1) + singular(n.substring(sp + 1));
    }

    /** A deliberately small English singulariser: enough to fold the plurals analysers actually produce. */
    static String singular(String w) {
        if (w.length() <= 3) {
            return w;
        }
        if (w.endsWith("ies") && w.length() > 4) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("zzes")) {
            return w.substring(0, w.length() - 2);
        }
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** A free-text value in a key: normalised, shortened with a digest when long. */
    static String keyValue(String s) {
        String n = norm(s);
        if (n.length() <= KEY_VALUE_CHARS) {
            return n;
        }
        return n.substring(0, 40) + "…#" + digest(n);
    }

    /** A question in a key: normalised words only, so punctuation and case do not split duplicates. */
    static String questionKey(String s) {
        return keyValue(String.join(" ", words(s)));
    }

    /** SQL in a key: its tokens (see {@link #sqlTokens}) joined by one space. */
    static String sqlKey(String sql) {
        return keyValue(String.join(" ", sqlTokens(sql)));
    }

    static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Lower-case words (letters and digits) of a question. */
    static List<String> words(String s) {
        String n = norm(s);
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= n.length(); i++) {
            boolean w = i < n.length() && Character.isLetterOrDigit(n.charAt(i));
            if (w && start < 0) {
                start = i;
            } else if (!w && start >= 0) {
                out.add(n.substring(start, i));
                start = -1;
            }
        }
        return out;
    }

    /**
     * SQL tokens for comparison: comments dropped, identifiers unquoted and lower-cased, string literals
     * kept verbatim, a trailing semicolon dropped. Not a parser: it only has to make two spellings of one
     * query look alike.
     */
    static List<String> sqlTokens(String sql) {
        List<String> out = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'') {
                int j = i + 1;
                while (j < n && !(sql.charAt(j) == '\'' && (j + 1 >= n || sql.charAt(j + 1) != '\''))) {
                    j += sql.charAt(j) == '\'' ? 2 : 1;
                }
                out.add(sql.substring(i, Math.min(j + 1, n)));
                i = j + 1;
            } else if (c == '`' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                int stop = end < 0 ? n : end;
                out.add(sql.substring(i + 1, stop).toLowerCase(Locale.ROOT));
                i = stop + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                    j++;
                }
                out.add(sql.substring(i, j).toLowerCase(Locale.ROOT));
                i = j;
            } else {
                // two-character operators stay one token so "a >= b" and "a>=b" match
                if (i + 1 < n && isOperatorPair(c, sql.charAt(i + 1))) {
                    out.add(sql.substring(i, i + 2));
                    i += 2;
                } else {
                    out.add(String.valueOf(c));
                    i++;
                }
            }
        }
        while (!out.isEmpty() && out.get(out.size() - 1).equals(";")) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static boolean isOperatorPair(char a, char b) {
        return (a == '<' && (b == '=' || b == '>')) || (a == '>' && b == '=') || (a == '!' && b == '=')
                || (a == '|' && b == '|') || (a == ':' && b == ':');
    }

    /**
     * Similarity of two token sequences in [0, 1]: the Dice coefficient of their token-bigram multisets
     * (with start/end markers, so one-token sequences compare too). Order-aware enough to tell two
     * queries apart, cheap enough to run against every benchmark question.
     */
    static double similarity(Bigrams a, Bigrams b) {
        int total = a.size + b.size;
        if (total == 0) {
            return 1.0;
        }
        Bigrams small = a.counts.size() <= b.counts.size() ? a : b;
        Bigrams large = small == a ? b : a;
        int common = 0;
        for (var e : small.counts.entrySet()) {
            Integer other = large.counts.get(e.getKey());
            if (other != null) {
                common += Math.min(e.getValue(), other);
            }
        }
        return 2.0 * common / total;
    }

    /** The largest similarity two sequences of these sizes could reach: lets callers skip hopeless pairs. */
    static double similarityBound(Bigrams a, Bigrams b) {
        int total = a.size + b.size;
        return total == 0 ? 1.0 : 2.0 * Math.min(a.size, b.size) / total;
    }

    /** Precomputed bigram multiset of a token sequence. */
    static final class Bigrams {
        final Map<String, Integer> counts;
        final int size;

        Bigrams(List<String> tokens) {
            counts = new HashMap<>(tokens.size() * 2 + 2);
            String prev = "\u0002";
            for (String t : tokens) {
                counts.merge(prev + "\u0001" + t, 1, Integer::sum);
                prev = t;
            }
            counts.merge(prev + "\u0001\u0003", 1, Integer::sum);
            size = tokens.size() + 1;
        }
    }

    /** Splits text into wire elements the way the server joins them (no separator): lines keep their '\n'. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            out.add(text.substring(start));
        }
        return out;
    }
}
