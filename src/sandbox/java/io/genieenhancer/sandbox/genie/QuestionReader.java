package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.genie.Knowledge.Col;
import io.genieenhancer.sandbox.genie.Knowledge.ColumnT;
import io.genieenhancer.sandbox.genie.Knowledge.Entry;
import io.genieenhancer.sandbox.genie.Knowledge.TableT;
import io.genieenhancer.sandbox.genie.Knowledge.Target;
import io.genieenhancer.sandbox.genie.Knowledge.Tbl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 1 of answering: finds which words of the question the space's knowledge recognises.
 *
 * <p>Every run of 1-6 words is looked up (exact phrases: synonyms, names, snippet names, instruction
 * terms, entity values; contained phrases: descriptions; single words of names). Runs are then chosen
 * longest first, strongest first, left to right, without overlap. When two targets tie for the same
 * words, the one in a table the question already names wins, then the earlier table and column.
 */
final class QuestionReader {

    static final int MAX_PHRASE = 6;

    /** One position of the read question: a recognised phrase (target set) or a single plain word. */
    record Item(int start, int end, Target target, String source, String word, String norm, int strength) {
        boolean recognised() {
            return target != null;
        }

        boolean isWord(String... options) {
            if (target != null) {
                return false;
            }
            for (String o : options) {
                if (o.equals(word) || o.equals(norm)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Candidate(int start, int len, Target target, int strength, String source) {
    }

    private QuestionReader() {
    }

    static List<Item> read(String question, Knowledge k) {
        List<String> raw = Text.words(question);
        List<String> norm = raw.stream().map(Text::singular).toList();
        List<Candidate> all = new ArrayList<>();
        Set<String> nameWords = CatalogWords.nameWords(k);
        for (int i = 0; i < norm.size(); i++) {
            for (int len = 1; len <= MAX_PHRASE && i + len <= norm.size(); len++) {
                List<String> phrase = norm.subList(i, i + len);
                // a stop word at an edge ("signed up") or a number ("tier 2", "priority 1") is part of a term only
                // when the space defines the whole term (synonym, snippet, instruction)
                boolean stopEdge = Text.isStop(phrase.get(0)) || Text.isStop(phrase.get(len - 1));
                boolean withNumber = phrase.stream().anyMatch(Text::isNumber);
                if ((withNumber || stopEdge) && len == 1) {
                    continue;
                }
                boolean onlyKeywords = phrase.stream().allMatch(Text.KEYWORDS::contains);
                for (Entry e : k.entries) {
                    if (e.phrase().equals(phrase) && !(onlyKeywords && e.strength() < Knowledge.SYNONYM)
                            && !(stopEdge && e.strength() < Knowledge.SYNONYM)) {
                        all.add(new Candidate(i, len, e.target(), e.strength(), e.source()));
                    }
                }
                if (onlyKeywords || withNumber || stopEdge) {
                    continue; // "total", "year" ... in a description or a column name are not a reference
                }
                // one word the catalog uses in its names ("first", "made", "amount") refers to those names, not to a description holding it
                boolean describes = !(len == 1 && nameWords.contains(phrase.get(0)));
                if (len == 1 && Text.ORDINALS.contains(phrase.get(0))) {
                    continue; // "first" is an ordinal ("the first quarter"), not a word of first_name
                }
                for (Tbl t : k.tables) {
                    if (describes && Text.containsRun(t.descriptionWords, phrase)) {
                        all.add(new Candidate(i, len, new TableT(t), Knowledge.TABLE_DESCRIPTION, "table description"));
                    }
                    if (len == 1 && phrase.get(0).length() >= 3 && t.nameWords.size() > 1 && t.nameWords.contains(phrase.get(0))
                            && !Text.isParticiple(phrase.get(0))) { // "made" alone is a verb, not payments_made
                        all.add(new Candidate(i, len, new TableT(t), Knowledge.NAME_WORD, "word of a table name"));
                    }
                    for (Col c : t.columns) {
                        if (describes && Text.containsRun(c.descriptionWords, phrase)) {
                            all.add(new Candidate(i, len, new ColumnT(c), Knowledge.COLUMN_DESCRIPTION, "column description"));
                        }
                        if (len == 1 && phrase.get(0).length() >= 3 && c.nameWords.size() > 1 && c.nameWords.contains(phrase.get(0))) {
                            all.add(new Candidate(i, len, new ColumnT(c), Knowledge.NAME_WORD, "word of a column name"));
                        }
                    }
                }
            }
        }
        // choose: longest, strongest, leftmost; remember ties for the tie-break below
        all.sort(Comparator.comparingInt((Candidate c) -> -c.len).thenComparingInt(c -> -c.strength).thenComparingInt(c -> c.start));
        boolean[] taken = new boolean[norm.size()];
        List<List<Candidate>> chosen = new ArrayList<>();
        for (Candidate c : all) {
            boolean free = true;
            for (int x = c.start; x < c.start + c.len; x++) {
                free &= !taken[x];
            }
            if (!free) {
                continue;
            }
            List<Candidate> ties = all.stream().filter(o -> o.start == c.start && o.len == c.len && o.strength == c.strength)
                    .toList();
            chosen.add(ties);
            for (int x = c.start; x < c.start + c.len; x++) {
                taken[x] = true;
            }
        }
        Set<Tbl> anchors = new LinkedHashSet<>();
        for (List<Candidate> ties : chosen) {
            if (distinctTargets(ties) == 1) {
                tableOf(ties.get(0).target).ifPresent(anchors::add);
            }
        }
        // "active users": a value right before a table's name is that table's value
        java.util.Map<Integer, Tbl> tableAt = new java.util.HashMap<>();
        for (List<Candidate> ties : chosen) {
            if (distinctTargets(ties) == 1 && ties.get(0).target instanceof TableT t) {
                tableAt.put(ties.get(0).start, t.table());
            }
        }
        List<Item> items = new ArrayList<>();
        for (List<Candidate> ties : chosen) {
            Candidate best = ties.stream().min(Comparator
                            .comparingInt((Candidate c) -> c.target instanceof Knowledge.ValueT v
                                    && tableAt.get(c.start + c.len) == v.column().table ? 0 : 1)
                            .thenComparingInt((Candidate c) -> tableOf(c.target).map(t -> anchors.contains(t) ? 0 : 1).orElse(0))
                            .thenComparingInt(c -> -tableOf(c.target).map(t -> CatalogWords.namedIn(t, norm)).orElse(0))
                            .thenComparingInt(c -> tableOf(c.target).map(t -> t.order).orElse(0))
                            .thenComparingInt(c -> c.target instanceof ColumnT ct ? ct.column().table.columns.indexOf(ct.column()) : 0))
                    .orElseThrow();
            String text = String.join(" ", raw.subList(best.start, best.start + best.len));
            items.add(new Item(best.start, best.start + best.len, best.target, best.source, text,
                    String.join(" ", norm.subList(best.start, best.start + best.len)), best.strength));
        }
        for (int i = 0; i < norm.size(); i++) {
            if (!taken[i]) {
                items.add(new Item(i, i + 1, null, null, raw.get(i), norm.get(i), 0));
            }
        }
        items.sort(Comparator.comparingInt(Item::start));
        return items;
    }

    private static long distinctTargets(List<Candidate> ties) {
        return ties.stream().map(Candidate::target).distinct().count();
    }

    static java.util.Optional<Tbl> tableOf(Target t) {
        if (t instanceof ColumnT c) {
            return java.util.Optional.of(c.column().table);
        } else if (t instanceof TableT tt) {
            return java.util.Optional.of(tt.table());
        } else if (t instanceof Knowledge.ValueT v) {
            return java.util.Optional.of(v.column().table);
        } else if (t instanceof Knowledge.FilterT f) {
            return f.condition().tables().stream().findFirst();
        } else if (t instanceof Knowledge.MeasureT m) {
            return m.expression().tables().stream().findFirst();
        } else if (t instanceof Knowledge.ExpressionT e) {
            return e.expression().tables().stream().findFirst();
        } else if (t instanceof Knowledge.DatedT d) {
            return java.util.Optional.of(d.date().table);
        }
        return java.util.Optional.empty();
    }
}
