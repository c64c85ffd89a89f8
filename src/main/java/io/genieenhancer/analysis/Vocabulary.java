package io.genieenhancer.analysis;

import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.ColumnConfig;
import io.genieenhancer.space.SpaceConfig.Snippet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The phrases the space already gives a meaning to, as singular word lists: table names, column names,
 * column synonyms, snippet names and synonyms. A question word covered by one of them is "named"; the rules
 * look for meaning only in the words left over. Descriptions are deliberately not phrases here: a word that
 * only a description mentions is exactly the kind of word Genie maps to the wrong column.
 */
final class Vocabulary {

    enum Kind { TABLE, COLUMN, SYNONYM, SNIPPET }

    /** What a phrase names: a table, a column ({@code table.column}) or a snippet. */
    record Meaning(Kind kind, String table, String column) {
    }

    static final int MAX_PHRASE = 6;

    /** First word -> phrases starting with it. */
    private final Map<String, List<Phrase>> byFirstWord = new HashMap<>();

    record Phrase(List<String> words, Meaning meaning) {
    }

    Vocabulary(SpaceConfig space, Tables tables) {
        for (String t : tables.tableIds()) {
            add(Words.ofIdentifier(Tables.lastPart(t)), new Meaning(Kind.TABLE, t, ""));
            for (String c : tables.columnsOf(t)) {
                add(Words.ofIdentifier(c), new Meaning(Kind.COLUMN, t, c));
            }
        }
        space.allTables().forEach(t -> {
            String id = SqlFacts.ident(t.identifier());
            for (ColumnConfig c : t.columnConfigs()) {
                for (String s : c.synonyms()) {
                    add(Words.singularOf(s), new Meaning(Kind.SYNONYM, id, SqlFacts.ident(c.columnName())));
                }
            }
        });
        space.instructions().sqlSnippets().all().forEach((Snippet s) -> {
            s.displayName().ifPresent(n -> add(Words.singularOf(n), new Meaning(Kind.SNIPPET, "", n)));
            s.alias().ifPresent(a -> add(Words.ofIdentifier(a), new Meaning(Kind.SNIPPET, "", a)));
            s.synonyms().forEach(x -> add(Words.singularOf(x), new Meaning(Kind.SNIPPET, "", x)));
        });
    }

    private void add(List<String> words, Meaning meaning) {
        if (words.isEmpty() || words.size() > MAX_PHRASE) {
            return;
        }
        byFirstWord.computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(new Phrase(List.copyOf(words), meaning));
    }

    /** The phrases that start at {@code i} of the singular words, longest first. */
    List<Phrase> at(List<String> words, int i) {
        List<Phrase> candidates = byFirstWord.get(words.get(i));
        if (candidates == null) {
            return List.of();
        }
        List<Phrase> out = new ArrayList<>(2);
        for (Phrase p : candidates) {
            int n = p.words().size();
            if (i + n <= words.size() && words.subList(i, i + n).equals(p.words())) {
                out.add(p);
            }
        }
        out.sort((a, b) -> Integer.compare(b.words().size(), a.words().size()));
        return out;
    }
}
