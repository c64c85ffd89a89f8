package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Col;
import io.genieenhancer.sandbox.genie.Knowledge.ColumnT;
import io.genieenhancer.sandbox.genie.Knowledge.FilterT;
import io.genieenhancer.sandbox.genie.Knowledge.Fragment;
import io.genieenhancer.sandbox.genie.Knowledge.TableT;
import io.genieenhancer.sandbox.genie.Planner.FilterReq;
import io.genieenhancer.sandbox.genie.Planner.SnippetF;
import io.genieenhancer.sandbox.genie.QuestionReader.Item;
import io.genieenhancer.sandbox.sql.TableInfo.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Conditions on the text of a column, as a model writes them from the question's words (always
 * case-insensitive, as Genie does for partial matches):
 * <ul>
 *   <li>{@code <column> contains|containing|includes|like 'x'} -> {@code LOWER(column) LIKE '%x%'};
 *       {@code starts|begins with 'x'} -> {@code 'x%'}; {@code ends with 'x'} -> {@code '%x'};</li>
 *   <li>{@code has|with|having 'x' in its|the <column>} -> contains;</li>
 *   <li>{@code a Gmail or Yahoo <column>}: capitalised words the space does not know, right before a text
 *       column, are parts of its value (contains, OR-ed);</li>
 *   <li>{@code <table|column> named|called 'X'} -> the column (a table's name column) equals X as typed;</li>
 *   <li>two conditions joined by {@code or} are one condition ({@code (A OR B)}).</li>
 * </ul>
 * A quoted value is read as typed; a value may also be one plain word.
 */
final class TextFilters {

    /** A single-quoted value: not an apostrophe inside a word ("today's"). */
    private static final Pattern QUOTED = Pattern.compile("(?<![\\p{L}\\d])['‘’\"“]([^'‘’\"“”]+)['’\"”](?![\\p{L}\\d])");

    private record Condition(String sql, Set<Knowledge.Tbl> tables, int next) {
    }

    private final List<Item> items;
    private final List<String> words;
    private final List<String> casedWords;
    private final List<String> quotes = new ArrayList<>();

    TextFilters(String question, List<Item> items) {
        this.items = items;
        this.words = Text.words(question);
        this.casedWords = Text.casedWords(question);
        Matcher m = QUOTED.matcher(question);
        while (m.find()) {
            quotes.add(m.group(1));
        }
    }

    /** Reads a text condition starting at item {@code i}: adds it to {@code filters} and returns where reading goes on, or -1. */
    int read(int i, List<FilterReq> filters, List<String> notes) {
        Optional<Condition> first = condition(i);
        if (first.isEmpty()) {
            return -1;
        }
        Condition c = first.get();
        String sql = c.sql();
        Set<Knowledge.Tbl> tables = new java.util.LinkedHashSet<>(c.tables());
        int next = c.next();
        // "first name starts with 'J' or last name contains 'son'": one condition
        while (next < items.size() && items.get(next).isWord("or")) {
            int alternative = next + 1;
            Optional<Condition> more = condition(alternative).or(() -> conditionAfterColumn(alternative))
                    .or(() -> hasInIts(alternative, false)); // "or 'Mustang' in the model name"
            if (more.isEmpty()) {
                break;
            }
            sql = sql + " OR " + more.get().sql();
            tables.addAll(more.get().tables());
            next = more.get().next();
        }
        next = skip(next, "case", "insensitive", "insensitively", "sensitive");
        filters.add(new SnippetF(new FilterT("text condition", new Fragment(sql, Set.copyOf(tables)))));
        notes.add("text condition -> " + sql);
        return next;
    }

    /** A condition whose column is named right before the operator at {@code i}, or one of the other forms at {@code i}. */
    private Optional<Condition> condition(int i) {
        if (i >= items.size()) {
            return Optional.empty();
        }
        Optional<Condition> named = named(i);
        if (named.isPresent() || !plain(i)) {
            return named;
        }
        Optional<Condition> op = operator(i, columnBefore(i));
        if (op.isPresent()) {
            return op;
        }
        return hasInIts(i, true).or(() -> proper(i));
    }

    /** "... or last name contains 'son'": after "or", a column then an operator. */
    private Optional<Condition> conditionAfterColumn(int i) {
        if (i + 1 >= items.size() || !items.get(i).recognised()) {
            return Optional.empty();
        }
        return textColumn(items.get(i), false).flatMap(c -> operator(i + 1, Optional.of(c)));
    }

    private Optional<Condition> operator(int i, Optional<Col> column) {
        if (column.isEmpty() || i >= items.size()) {
            return Optional.empty();
        }
        if (!plain(i)) {
            return Optional.empty();
        }
        String w = items.get(i).word();
        boolean with = i + 1 < items.size() && items.get(i + 1).isWord("with");
        String before = "%";
        String after = "%";
        int v;
        if (Set.of("contains", "contain", "containing", "includes", "include", "like", "matching", "matches").contains(w)) {
            v = i + 1;
        } else if (Set.of("starts", "start", "starting", "begins", "begin", "beginning").contains(w) && with) {
            before = "";
            v = i + 2;
        } else if (Set.of("ends", "end", "ending").contains(w) && with) {
            after = "";
            v = i + 2;
        } else {
            return Optional.empty();
        }
        Optional<Value> value = value(v);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(like(column.get(), before + value.get().text() + after, value.get().next()));
    }

    /** "that has 'M5' in its VIN number", "with 'pro' in the name"; after "or" the verb may be left out. */
    private Optional<Condition> hasInIts(int i, boolean verb) {
        if (verb && !items.get(i).isWord("has", "have", "with", "having")) {
            return Optional.empty();
        }
        Optional<Value> value = value(verb ? i + 1 : i);
        if (value.isEmpty() || value.get().next() >= items.size() || !items.get(value.get().next()).isWord("in")) {
            return Optional.empty();
        }
        int c = skip(value.get().next() + 1, "its", "it", "the", "their", "his", "her");
        if (c >= items.size()) {
            return Optional.empty();
        }
        Optional<Col> column = textColumn(items.get(c), false);
        // "in their make name": the column may be followed by a word that names it again
        int next = c + 1 < items.size() && (Set.of("name", "field", "column").contains(items.get(c + 1).norm())
                || (column.isPresent() && textColumn(items.get(c + 1), true).equals(column))) ? c + 2 : c + 1;
        return column.map(col -> like(col, "%" + value.get().text() + "%", next));
    }

    /**
     * "the vendor named 'Utility Company'" (read from the column, so it is a condition, not an output): the
     * column (a table's name column) equals the value as typed.
     */
    private Optional<Condition> named(int i) {
        if (i + 1 >= items.size() || !Set.of("named", "called").contains(items.get(i + 1).word())) {
            return Optional.empty();
        }
        Optional<Col> column = textColumn(items.get(i), true); // "the vendor named": a word of vendor_name will do
        Optional<Value> value = value(i + 2);
        if (column.isEmpty() || value.isEmpty() || !value.get().quoted()) {
            return Optional.empty();
        }
        String sql = column.get().ref() + " = '" + value.get().text().replace("'", "''") + "'";
        return Optional.of(new Condition(sql, Set.of(column.get().table), value.get().next()));
    }

    /** "a Gmail or Yahoo email address": capitalised unknown words right before a text column are parts of its value. */
    private Optional<Condition> proper(int i) {
        if (i == 0 || !items.get(i - 1).isWord("a", "an", "with", "have", "has", "using")) {
            return Optional.empty(); // "Return make, model": a capital at the start of a sentence is no value
        }
        List<String> parts = new ArrayList<>();
        int j = i;
        while (j < items.size() && isProperWord(j)) {
            parts.add(items.get(j).norm());
            j++;
            if (j + 1 < items.size() && items.get(j).isWord("or") && isProperWord(j + 1)) {
                j++;
            } else {
                break;
            }
        }
        if (parts.isEmpty() || j >= items.size()) {
            return Optional.empty();
        }
        Optional<Col> column = textColumn(items.get(j), false);
        if (column.isEmpty()) {
            return Optional.empty();
        }
        Col c = column.get();
        String sql = String.join(" OR ", parts.stream().map(p -> likeSql(c, "%" + p + "%")).toList());
        return Optional.of(new Condition(sql, Set.of(c.table), j + 1));
    }

    /** A plain word, or one only weakly recognised ("starts" in a table description that mentions start dates). */
    private boolean plain(int i) {
        Item it = items.get(i);
        return !it.recognised() || (it.strength() < Knowledge.NAME && it.end() == it.start() + 1);
    }

    private boolean isProperWord(int j) {
        Item it = items.get(j);
        if (it.recognised() || it.end() != it.start() + 1 || j == 0 || Text.isStop(it.norm()) || Text.KEYWORDS.contains(it.norm())
                || it.norm().length() < 3 || Knowledge.literalKind(it.norm()) != null) {
            return false;
        }
        String cased = casedWords.get(it.start());
        return Character.isUpperCase(cased.charAt(0)) && cased.chars().skip(1).allMatch(Character::isLowerCase);
    }

    private Condition like(Col c, String pattern, int next) {
        return new Condition(likeSql(c, pattern), Set.of(c.table), next);
    }

    private static String likeSql(Col c, String pattern) {
        return "LOWER(" + c.ref() + ") LIKE '" + pattern.toLowerCase(Locale.ROOT).replace("'", "''") + "'";
    }

    /** The text column named right before {@code i} ("whose first name", "diagnoses"), or a table's name column. */
    private Optional<Col> columnBefore(int i) {
        int b = i - 1;
        while (b >= 0 && items.get(b).isWord("the", "its", "their")) {
            b--;
        }
        return b < 0 ? Optional.empty() : textColumn(items.get(b), false);
    }

    /** The text column an item names; {@code loose}: also by one word of its name, or a table by its name column. */
    private static Optional<Col> textColumn(Item it, boolean loose) {
        if (!it.recognised()) {
            return Optional.empty();
        }
        if (it.target() instanceof ColumnT c && c.column().kind == Kind.TEXT && (loose || it.strength() > Knowledge.NAME_WORD)) {
            return Optional.of(c.column());
        }
        if (loose && it.target() instanceof TableT t && t.table().label().kind == Kind.TEXT) {
            return Optional.of(t.table().label());
        }
        return Optional.empty();
    }

    private record Value(String text, int next, boolean quoted) {
    }

    /** A quoted value starting at item {@code i} (as typed), else one plain word. */
    private Optional<Value> value(int i) {
        if (i >= items.size()) {
            return Optional.empty();
        }
        int p = items.get(i).start();
        for (String q : quotes) {
            List<String> qw = Text.words(q);
            if (!qw.isEmpty() && p + qw.size() <= words.size() && words.subList(p, p + qw.size()).equals(qw)) {
                for (int m = i; m < items.size(); m++) {
                    if (items.get(m).end() == p + qw.size()) {
                        return Optional.of(new Value(q, m + 1, true));
                    }
                }
            }
        }
        Item it = items.get(i);
        if (!it.recognised() && !Text.isStop(it.norm()) && !Text.KEYWORDS.contains(it.norm()) && Knowledge.literalKind(it.norm()) == null) {
            return Optional.of(new Value(it.word(), i + 1, false));
        }
        return Optional.empty();
    }

    private int skip(int i, String... options) {
        int j = i;
        while (j < items.size() && items.get(j).isWord(options)) {
            j++;
        }
        return j;
    }
}
