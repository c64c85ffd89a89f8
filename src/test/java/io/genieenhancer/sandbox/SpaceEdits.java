package io.genieenhancer.sandbox;

import io.genieenhancer.space.Extras;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.ExampleQuestionSql;
import io.genieenhancer.space.SpaceConfig.Instructions;
import io.genieenhancer.space.SpaceConfig.JoinSpec;
import io.genieenhancer.space.SpaceConfig.Snippet;
import io.genieenhancer.space.SpaceConfig.SqlSnippets;
import io.genieenhancer.space.SpaceConfig.Table;
import io.genieenhancer.space.SpaceConfig.TableRef;
import io.genieenhancer.space.SpaceConfig.TextInstruction;
import io.genieenhancer.space.SpaceIds;
import io.genieenhancer.space.SpaceRules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Hand-written config additions for tests (the fix engine's job in the product): each method returns a
 * new, canonical (sorted) space with one piece of knowledge added.
 */
final class SpaceEdits {

    private SpaceConfig space;
    private final SpaceIds ids;

    SpaceEdits(SpaceConfig space) {
        this.space = space;
        this.ids = SpaceIds.after(space);
    }

    SpaceConfig result() {
        return SpaceRules.canonical(space);
    }

    SpaceEdits synonyms(String table, String column, String... synonyms) {
        return column(table, column, c -> {
            List<String> s = new ArrayList<>(c.synonyms());
            s.addAll(List.of(synonyms));
            return c.withSynonyms(s);
        });
    }

    SpaceEdits columnDescription(String table, String column, String description) {
        return column(table, column, c -> c.withDescription(List.of(description)));
    }

    SpaceEdits entityMatching(String table, String column) {
        return column(table, column, c -> c.withFormatAssistance(true).withEntityMatching(true));
    }

    SpaceEdits tableDescription(String table, String description) {
        return table(table, t -> t.withDescription(List.of(description)));
    }

    SpaceEdits joinSpec(String left, String leftAlias, String right, String rightAlias, String condition, String relationship) {
        List<JoinSpec> js = new ArrayList<>(space.instructions().joinSpecs());
        js.add(new JoinSpec(ids.next(), TableRef.of(left, leftAlias), TableRef.of(right, rightAlias),
                List.of(condition, "--rt=FROM_RELATIONSHIP_TYPE_" + relationship + "--"), List.of(), List.of(), Extras.none()));
        return instructions(i -> i.withJoinSpecs(js));
    }

    SpaceEdits filter(String displayName, String sql, String... synonyms) {
        SqlSnippets s = space.instructions().sqlSnippets();
        List<Snippet> f = new ArrayList<>(s.filters());
        f.add(new Snippet(ids.next(), Optional.empty(), Optional.of(displayName), List.of(sql), List.of(synonyms), List.of(), Extras.none()));
        return instructions(i -> i.withSqlSnippets(new SqlSnippets(f, s.expressions(), s.measures(), s.extras())));
    }

    SpaceEdits measure(String alias, String displayName, String sql, String... synonyms) {
        SqlSnippets s = space.instructions().sqlSnippets();
        List<Snippet> m = new ArrayList<>(s.measures());
        m.add(new Snippet(ids.next(), Optional.of(alias), Optional.of(displayName), List.of(sql), List.of(synonyms), List.of(), Extras.none()));
        return instructions(i -> i.withSqlSnippets(new SqlSnippets(s.filters(), s.expressions(), m, s.extras())));
    }

    SpaceEdits expression(String alias, String displayName, String sql, String... synonyms) {
        SqlSnippets s = space.instructions().sqlSnippets();
        List<Snippet> e = new ArrayList<>(s.expressions());
        e.add(new Snippet(ids.next(), Optional.of(alias), Optional.of(displayName), List.of(sql), List.of(synonyms), List.of(), Extras.none()));
        return instructions(i -> i.withSqlSnippets(new SqlSnippets(s.filters(), e, s.measures(), s.extras())));
    }

    /** Appends lines to the (single) text instruction, creating it if needed. */
    SpaceEdits instruction(String... lines) {
        List<TextInstruction> ts = space.instructions().textInstructions();
        List<String> content = new ArrayList<>(ts.isEmpty() ? List.of() : ts.get(0).content());
        for (String l : lines) {
            content.add(l.endsWith("\n") ? l : l + "\n");
        }
        String id = ts.isEmpty() ? ids.next() : ts.get(0).id();
        Extras extras = ts.isEmpty() ? Extras.none() : ts.get(0).extras();
        return instructions(i -> i.withTextInstructions(List.of(new TextInstruction(id, content, extras))));
    }

    SpaceEdits example(String question, String sql) {
        List<ExampleQuestionSql> ex = new ArrayList<>(space.instructions().exampleQuestionSqls());
        ex.add(new ExampleQuestionSql(ids.next(), List.of(question), List.of(sql), List.of(), List.of(), Extras.none()));
        return instructions(i -> i.withExampleQuestionSqls(ex));
    }

    private SpaceEdits instructions(UnaryOperator<Instructions> change) {
        space = space.withInstructions(change.apply(space.instructions()));
        return this;
    }

    private SpaceEdits table(String identifier, UnaryOperator<Table> change) {
        List<Table> tables = new ArrayList<>();
        boolean found = false;
        for (Table t : space.dataSources().tables()) {
            if (t.identifier().equals(identifier)) {
                tables.add(change.apply(t));
                found = true;
            } else {
                tables.add(t);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no table " + identifier);
        }
        space = space.withDataSources(space.dataSources().withTables(tables));
        return this;
    }

    private SpaceEdits column(String table, String column, UnaryOperator<SpaceConfig.ColumnConfig> change) {
        return table(table, t -> t.withColumn(column, change));
    }
}
