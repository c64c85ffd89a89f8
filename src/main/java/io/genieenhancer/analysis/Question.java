package io.genieenhancer.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One failing question, word by word: which words the space already names (a table, a column, a synonym, a
 * snippet), which are the question's grammar (function words, aggregation and time words), which are its
 * literals (numbers, years, values the SQL filters on), and which are left: the <em>free</em> words. A rule
 * that finds something the expected SQL needs and the space cannot express names it after free words, so every
 * name a rule gives comes from the question's own wording.
 */
final class Question {

    enum Mark { NAMED, FILLER, ROLE, LITERAL, NEGATION, FREE, USED }

    /** Words {@code [from, to)} of the question. */
    record Span(int from, int to) {
        int length() {
            return to - from;
        }
    }

    final String text;
    /** The words as written (lower case). */
    final List<String> raw;
    /** Singular forms, for matching. */
    final List<String> words;
    private final Mark[] marks;
    private final List<List<Vocabulary.Meaning>> meanings;

    Question(String text, Vocabulary vocabulary) {
        this.text = text;
        this.raw = Words.of(text);
        this.words = raw.stream().map(Words::singular).toList();
        this.marks = new Mark[raw.size()];
        this.meanings = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            meanings.add(new ArrayList<>(1));
        }
        int i = 0;
        while (i < words.size()) {
            List<Vocabulary.Phrase> found = vocabulary.at(words, i);
            if (found.isEmpty() || onlyGrammar(found.get(0).words())) {
                i++;
                continue;
            }
            int n = found.get(0).words().size();
            for (Vocabulary.Phrase p : found) {
                if (p.words().size() == n) {
                    for (int k = i; k < i + n; k++) {
                        meanings.get(k).add(p.meaning());
                    }
                }
            }
            for (int k = i; k < i + n; k++) {
                marks[k] = Mark.NAMED;
            }
            i += n;
        }
        for (int k = 0; k < raw.size(); k++) {
            if (marks[k] != null) {
                continue;
            }
            String w = raw.get(k);
            if (Words.NEGATION.contains(w)) {
                marks[k] = Mark.NEGATION;
            } else if (Words.isLiteral(w)) {
                marks[k] = Mark.LITERAL;
            } else if (Words.isFiller(w) || Words.isFiller(words.get(k))) {
                marks[k] = Mark.FILLER;
            } else if (Words.isRole(w)) {
                marks[k] = Mark.ROLE;
            } else if (w.length() < 2) {
                marks[k] = Mark.FILLER;
            } else {
                marks[k] = Mark.FREE;
            }
        }
    }

    /** A name made only of grammar words ("date", "count") does not make those words a reference on its own. */
    private static boolean onlyGrammar(List<String> phrase) {
        return phrase.stream().allMatch(w -> Words.isFiller(w) || Words.isRole(w));
    }

    Mark mark(int i) {
        return marks[i];
    }

    int size() {
        return raw.size();
    }

    boolean isFree(int i) {
        return marks[i] == Mark.FREE;
    }

    /** Whether the question names the table (by its name). */
    boolean namesTable(String table) {
        return meanings.stream().flatMap(List::stream).anyMatch(m -> m.kind() == Vocabulary.Kind.TABLE && m.table().equals(table));
    }

    /** Whether the question names the column (by its name or one of its synonyms). */
    boolean namesColumn(SqlFacts.ColumnRef c) {
        return meanings.stream().flatMap(List::stream).anyMatch(m -> (m.kind() == Vocabulary.Kind.COLUMN
                || m.kind() == Vocabulary.Kind.SYNONYM) && m.table().equals(c.table()) && m.column().equals(c.column()));
    }

    /** Whether a word at {@code i} names something of {@code table}. */
    boolean namesSomethingOf(int i, String table) {
        return meanings.get(i).stream().anyMatch(m -> m.table().equals(table));
    }

    /** Marks the words of a literal value the SQL filters on as used; returns where, if the question says it. */
    Optional<Span> findValue(String value) {
        List<String> v = Words.of(value).stream().map(Words::singular).toList();
        if (v.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i + v.size() <= words.size(); i++) {
            if (words.subList(i, i + v.size()).equals(v)) {
                return Optional.of(new Span(i, i + v.size()));
            }
        }
        return Optional.empty();
    }

    void use(Span s) {
        for (int k = s.from(); k < s.to(); k++) {
            marks[k] = Mark.USED;
        }
    }

    /** Maximal runs of free words, each with a negation right before it ("never ordered"). */
    List<Span> freeRuns() {
        List<Span> out = new ArrayList<>();
        int k = 0;
        while (k < marks.length) {
            if (marks[k] != Mark.FREE) {
                k++;
                continue;
            }
            int from = k;
            while (k < marks.length && marks[k] == Mark.FREE) {
                k++;
            }
            int start = from > 0 && marks[from - 1] == Mark.NEGATION ? from - 1 : from;
            out.add(new Span(start, k));
        }
        return out;
    }

    /** The free words of a span, as written. */
    String text(Span s) {
        return String.join(" ", raw.subList(s.from(), s.to()));
    }

    boolean hasFree(Span s) {
        for (int k = s.from(); k < s.to(); k++) {
            if (marks[k] == Mark.FREE) {
                return true;
            }
        }
        return false;
    }

    /** The sub-span of the free (and negation) words within {@code s}, when they are contiguous. */
    Optional<Span> freePart(Span s) {
        int from = -1;
        int to = -1;
        for (int k = s.from(); k < s.to(); k++) {
            if (marks[k] == Mark.FREE || marks[k] == Mark.NEGATION) {
                if (from < 0) {
                    from = k;
                } else if (to != k) {
                    return Optional.empty();
                }
                to = k + 1;
            }
        }
        return from < 0 ? Optional.empty() : Optional.of(new Span(from, to));
    }

    /**
     * The shortest span in which every content word of a name (an alias such as {@code avg_order_value}) is
     * said, in the name's order ({@link Words#same}); grammar-only names match nothing.
     */
    Optional<Span> spanSaying(List<String> nameWords) {
        List<String> content = nameWords.stream().filter(w -> !Words.isFiller(w)).toList();
        if (content.isEmpty()) {
            return Optional.empty();
        }
        Optional<Span> best = Optional.empty();
        for (int start = 0; start < words.size(); start++) {
            if (!Words.same(content.get(0), words.get(start))) {
                continue;
            }
            int k = start + 1;
            int matched = 1;
            while (matched < content.size() && k < words.size() && k - start <= content.size() + 2) {
                if (Words.same(content.get(matched), words.get(k))) {
                    matched++;
                }
                k++;
            }
            if (matched == content.size()) {
                Span s = new Span(start, k);
                if (best.isEmpty() || s.length() < best.get().length()) {
                    best = Optional.of(s);
                }
            }
        }
        return best;
    }

    /** Whether any word is a time literal (a year, a month, a quarter, a date). */
    boolean mentionsTime() {
        return raw.stream().anyMatch(Words::isTimeLiteral);
    }

    /** Whether any word of {@code span} is one of {@code options}. */
    boolean contains(Span s, Set<String> options) {
        for (int k = s.from(); k < s.to(); k++) {
            if (options.contains(raw.get(k)) || options.contains(words.get(k))) {
                return true;
            }
        }
        return false;
    }
}
