package io.genieenhancer.fix;

import io.genieenhancer.fix.Fix.*;
import io.genieenhancer.fix.FixOutcome.Result;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.ColumnConfig;
import io.genieenhancer.space.SpaceConfig.ExampleQuestionSql;
import io.genieenhancer.space.SpaceConfig.Instructions;
import io.genieenhancer.space.SpaceConfig.JoinSpec;
import io.genieenhancer.space.SpaceConfig.Snippet;
import io.genieenhancer.space.SpaceConfig.SqlFunction;
import io.genieenhancer.space.SpaceConfig.SqlSnippets;
import io.genieenhancer.space.SpaceConfig.Table;
import io.genieenhancer.space.SpaceConfig.TableRef;
import io.genieenhancer.space.SpaceConfig.TextInstruction;
import io.genieenhancer.space.SpaceIds;
import io.genieenhancer.space.Extras;
import io.genieenhancer.space.Violation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies fixes to a working copy of a space and builds the new config once at the end (so ten thousand
 * fixes on a wide space cost one rebuild, not ten thousand). Order does not depend on the caller: removals
 * first, then replacements, then additions, each group by key; new ids come from {@link SpaceIds#after},
 * so the same config and fixes always give the same result.
 */
final class Applier {

    private static final Map<String, Integer> PHASE = Map.ofEntries(
            Map.entry(RemoveSynonym.TYPE, 0), Map.entry(RemoveJoinSpec.TYPE, 0), Map.entry(RemoveInstruction.TYPE, 0),
            Map.entry(SetColumnDescription.TYPE, 1), Map.entry(SetTableDescription.TYPE, 1),
            Map.entry(SetTextInstruction.TYPE, 1), Map.entry(EnableEntityMatching.TYPE, 1),
            Map.entry(EnableFormatAssistance.TYPE, 1));

    private final SpaceConfig base;
    private final SpaceIndex index;
    private final SpaceIds ids;
    private final Map<String, WorkingTable> tables = new HashMap<>();
    private final List<TextInstruction> text;
    private final List<ExampleQuestionSql> examples;
    private final List<SqlFunction> functions;
    private final List<JoinSpec> joins;
    private final Map<SnippetKind, List<Snippet>> snippets = new EnumMap<>(SnippetKind.class);
    private boolean instructionsChanged;
    private boolean entityMatchingChanged;
    private final List<Violation> problems = new ArrayList<>();
    /** Joins this batch adds: a removal in the same batch leaves them alone, so "replace a join" is idempotent. */
    private final java.util.Set<String> joinsAddedByBatch = new java.util.HashSet<>();
    /**
     * Look-ups by canonical join shape, example question and snippet SQL / name, so an add does not rescan
     * (and re-read) every existing item: built on first use, dropped when a removal shifts positions.
     */
    private Map<String, Integer> joinByShape;
    private Map<String, Integer> exampleByQuestion;
    private final Map<SnippetKind, Map<String, Integer>> snippetBySql = new EnumMap<>(SnippetKind.class);
    private final Map<SnippetKind, Map<String, Integer>> snippetByName = new EnumMap<>(SnippetKind.class);

    Applier(SpaceConfig base, SpaceIndex index) {
        this.base = base;
        this.index = index;
        this.ids = SpaceIds.after(base);
        Instructions in = base.instructions();
        text = new ArrayList<>(in.textInstructions());
        examples = new ArrayList<>(in.exampleQuestionSqls());
        functions = new ArrayList<>(in.sqlFunctions());
        joins = new ArrayList<>(in.joinSpecs());
        for (SnippetKind k : SnippetKind.values()) {
            snippets.put(k, new ArrayList<>(Snippets.of(in.sqlSnippets(), k)));
        }
    }

    /** The working state of one table, created on first change. */
    private static final class WorkingTable {
        final Table original;
        List<String> description;
        LinkedHashMap<String, ColumnConfig> columns;

        WorkingTable(Table t) {
            original = t;
            description = t.description();
        }

        LinkedHashMap<String, ColumnConfig> columns() {
            if (columns == null) {
                columns = new LinkedHashMap<>(t().columnConfigs().size() * 2);
                for (ColumnConfig c : t().columnConfigs()) {
                    columns.putIfAbsent(Text.ident(c.columnName()), c);
                }
            }
            return columns;
        }

        private Table t() {
            return original;
        }

        Table build() {
            Table t = original.withDescription(description);
            return columns == null ? t : t.withColumnConfigs(new ArrayList<>(columns.values()));
        }
    }

    record Applied(SpaceConfig config, List<FixOutcome> outcomes, List<Violation> problems, boolean entityMatchingChanged) {
    }

    Applied run(List<Fix> fixes) {
        List<Fix> ordered = new ArrayList<>(fixes);
        Map<Fix, String> keyOf = new java.util.IdentityHashMap<>();
        for (Fix f : ordered) {
            keyOf.put(f, f.key());
        }
        ordered.sort(Comparator.<Fix>comparingInt(f -> PHASE.getOrDefault(f.type(), 2)).thenComparing(keyOf::get));
        for (Fix f : ordered) {
            if (f instanceof AddJoinSpec j) {
                joinShape(j).ifPresent(joinsAddedByBatch::add);
            }
        }
        List<FixOutcome> outcomes = new ArrayList<>(ordered.size());
        for (Fix f : ordered) {
            String key = keyOf.get(f);
            Step step = f.accept(new Steps());
            if (step.problem != null) {
                problems.add(new Violation("fix " + key, step.problem.rule(), step.problem.message()));
                continue;
            }
            outcomes.add(new FixOutcome(f, key, step.change.kind() == Change.Kind.NONE ? Result.NO_OP : Result.APPLIED,
                    step.detail, step.change));
        }
        SpaceConfig out = build();
        if (out.equals(base)) {
            // the batch as a whole changed nothing (e.g. a set and an append that together restate the text):
            // then no fix of it was applied, whatever the steps in between did
            outcomes.replaceAll(o -> o.applied() ? new FixOutcome(o.fix(), o.key(), Result.NO_OP, "already so: " + o.detail(),
                    Change.none(o.change().section(), o.change().target(), o.change().field(), o.change().before())) : o);
            entityMatchingChanged = false;
        }
        return new Applied(out, outcomes, problems, entityMatchingChanged);
    }

    private Optional<String> joinShape(AddJoinSpec f) {
        Optional<Table> lt = index.table(f.leftTable()).value();
        Optional<Table> rt = index.table(f.rightTable()).value();
        if (lt.isEmpty() || rt.isEmpty()) {
            return Optional.empty();
        }
        JoinCondition.Side l = new JoinCondition.Side(lt.get().identifier(), FixKeys.alias(f.leftAlias(), f.leftTable()));
        JoinCondition.Side r = new JoinCondition.Side(rt.get().identifier(), FixKeys.alias(f.rightAlias(), f.rightTable()));
        return JoinCondition.read(f.condition(), l, r).map(c -> JoinCondition.canonical(l, r, c, null));
    }

    private SpaceConfig build() {
        SpaceConfig out = base;
        if (!tables.isEmpty()) {
            var ds = base.dataSources();
            out = out.withDataSources(ds.withTables(rebuilt(ds.tables())).withMetricViews(rebuilt(ds.metricViews())));
        }
        if (instructionsChanged) {
            Instructions in = base.instructions();
            SqlSnippets sn = in.sqlSnippets();
            out = out.withInstructions(new Instructions(text, examples, functions, joins,
                    new SqlSnippets(snippets.get(SnippetKind.FILTER), snippets.get(SnippetKind.EXPRESSION),
                            snippets.get(SnippetKind.MEASURE), sn.extras()),
                    in.extras()));
        }
        return out;
    }

    private List<Table> rebuilt(List<Table> list) {
        List<Table> out = new ArrayList<>(list.size());
        for (Table t : list) {
            WorkingTable w = tables.get(Text.ident(t.identifier()));
            out.add(w != null && w.original == t ? w.build() : t);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------ steps

    /** Either a change (possibly NONE) with a detail sentence, or why the fix cannot be applied. */
    private record Step(Change change, String detail, Problem problem) {
        static Step done(Change c, String detail) {
            return new Step(c, detail, null);
        }

        static Step fail(String rule, String message) {
            return new Step(null, null, new Problem(rule, message));
        }
    }

    private Optional<WorkingTable> table(String name, String[] problem) {
        SpaceIndex.Lookup<Table> t = index.table(name);
        if (t.value().isEmpty()) {
            problem[0] = t.problem();
            return Optional.empty();
        }
        Table table = t.value().get();
        return Optional.of(tables.computeIfAbsent(Text.ident(table.identifier()), k -> new WorkingTable(table)));
    }

    /** Runs {@code change} on a column (creating its config when the schema knows the column). */
    private Step column(String tableName, String columnName, String field,
                        java.util.function.Function<ColumnConfig, Optional<ColumnConfig>> change,
                        java.util.function.Function<ColumnConfig, String> show, String detail) {
        String[] problem = new String[1];
        Optional<WorkingTable> w = table(tableName, problem);
        if (w.isEmpty()) {
            return Step.fail(Problem.TABLE_EXISTS, problem[0]);
        }
        SpaceIndex.Lookup<String> name = index.column(w.get().original, columnName);
        if (name.value().isEmpty()) {
            return Step.fail(Problem.COLUMN_EXISTS, name.problem());
        }
        var cols = w.get().columns();
        String k = Text.ident(name.value().get());
        ColumnConfig before = cols.getOrDefault(k, ColumnConfig.of(name.value().get()));
        String target = w.get().original.identifier() + "." + before.columnName();
        Optional<ColumnConfig> after = change.apply(before);
        if (after.isEmpty()) {
            return Step.done(Change.none("column", target, field, show.apply(before)), "already so: " + detail);
        }
        cols.put(k, after.get());
        return Step.done(Change.of("column", target, field, show.apply(before), show.apply(after.get())), detail);
    }

    private static String list(List<String> items) {
        return items.isEmpty() ? "" : "[" + String.join(", ", items) + "]";
    }

    private static String flag(Optional<Boolean> b) {
        return b.map(String::valueOf).orElse("");
    }

    private final class Steps implements Visitor<Step> {

        @Override
        public Step addSynonym(AddSynonym f) {
            String key = Text.synonymKey(f.synonym());
            return column(f.table(), f.column(), "synonyms", c -> {
                for (String s : c.synonyms()) {
                    if (Text.synonymKey(s).equals(key)) {
                        return Optional.empty();
                    }
                }
                List<String> syn = new ArrayList<>(c.synonyms());
                syn.add(f.synonym().strip());
                return Optional.of(c.withSynonyms(syn));
            }, c -> list(c.synonyms()), "synonym \"" + f.synonym().strip() + "\"");
        }

        @Override
        public Step removeSynonym(RemoveSynonym f) {
            String key = Text.synonymKey(f.synonym());
            return column(f.table(), f.column(), "synonyms", c -> {
                List<String> syn = c.synonyms().stream().filter(s -> !Text.synonymKey(s).equals(key)).toList();
                return syn.size() == c.synonyms().size() ? Optional.empty() : Optional.of(c.withSynonyms(syn));
            }, c -> list(c.synonyms()), "synonym \"" + f.synonym().strip() + "\" removed");
        }

        @Override
        public Step setColumnDescription(SetColumnDescription f) {
            String want = f.description().strip();
            return column(f.table(), f.column(), "description", c -> SpaceConfig.text(c.description()).strip().equals(want)
                    ? Optional.empty() : Optional.of(c.withDescription(Text.lines(want))),
                    c -> SpaceConfig.text(c.description()), "description set");
        }

        @Override
        public Step extendColumnDescription(ExtendColumnDescription f) {
            String add = f.description().strip();
            return column(f.table(), f.column(), "description", c -> {
                String now = SpaceConfig.text(c.description());
                if (Text.norm(now).contains(Text.norm(add))) {
                    return Optional.empty();
                }
                return Optional.of(c.withDescription(appended(c.description(), add)));
            }, c -> SpaceConfig.text(c.description()), "description extended");
        }

        @Override
        public Step setTableDescription(SetTableDescription f) {
            String[] problem = new String[1];
            Optional<WorkingTable> w = table(f.table(), problem);
            if (w.isEmpty()) {
                return Step.fail(Problem.TABLE_EXISTS, problem[0]);
            }
            String target = w.get().original.identifier();
            String before = SpaceConfig.text(w.get().description);
            String want = f.description().strip();
            if (before.strip().equals(want)) {
                return Step.done(Change.none("table", target, "description", before), "already so: description");
            }
            w.get().description = Text.lines(want);
            return Step.done(Change.of("table", target, "description", before, want), "description set");
        }

        @Override
        public Step addJoinSpec(AddJoinSpec f) {
            Optional<Table> lt = index.table(f.leftTable()).value();
            Optional<Table> rt = index.table(f.rightTable()).value();
            if (lt.isEmpty() || rt.isEmpty()) {
                return Step.fail(Problem.TABLE_EXISTS, (lt.isEmpty() ? index.table(f.leftTable()) : index.table(f.rightTable())).problem());
            }
            JoinCondition.Side l = new JoinCondition.Side(lt.get().identifier(), FixKeys.alias(f.leftAlias(), f.leftTable()));
            JoinCondition.Side r = new JoinCondition.Side(rt.get().identifier(), FixKeys.alias(f.rightAlias(), f.rightTable()));
            Optional<JoinCondition> cond = JoinCondition.read(f.condition(), l, r);
            if (cond.isEmpty()) {
                return Step.fail(Problem.JOIN_FORM, "condition is not column = column equalities between the two sides");
            }
            String shape = JoinCondition.canonical(l, r, cond.get(), null);
            String target = l.table() + " -> " + r.table();
            String sql = cond.get().serverSql(l.alias(), r.alias());
            Integer at = joinIndex().get(shape);
            if (at != null) {
                int i = at;
                JoinSpec j = joins.get(i);
                Optional<ExistingJoin> e = ExistingJoin.read(j);
                // same join: only the relationship may differ (seen from the existing spec's left side)
                boolean sameOrientation = JoinCondition.canonical(e.get().left, e.get().right, e.get().condition, Relationship.MANY_TO_ONE)
                        .equals(JoinCondition.canonical(l, r, cond.get(), Relationship.MANY_TO_ONE));
                Relationship want = sameOrientation ? f.relationship() : f.relationship().reversed();
                if (e.get().relationship.equals(Optional.of(want))) {
                    return Step.done(Change.none("join_spec", target, "sql", String.join(" ", j.sql())), "already declared");
                }
                List<String> newSql = new ArrayList<>(j.sql().subList(0, j.sql().size() - (e.get().relationship.isPresent() ? 1 : 0)));
                newSql.add(want.annotation());
                joins.set(i, new JoinSpec(j.id(), j.left(), j.right(), newSql, j.comment(), j.instruction(), j.extras()));
                instructionsChanged = true;
                return Step.done(Change.of("join_spec", target, "sql", String.join(" ", j.sql()), String.join(" ", newSql)),
                        "relationship set to " + want.json());
            }
            String id = ids.next();
            List<String> sqlParts = List.of(sql, f.relationship().annotation());
            joinIndex().put(shape, joins.size());
            joins.add(new JoinSpec(id, TableRef.of(l.table(), l.alias()), TableRef.of(r.table(), r.alias()), sqlParts,
                    f.comment().isBlank() ? List.of() : List.of(f.comment().strip()),
                    f.instruction().isBlank() ? List.of() : List.of(f.instruction().strip()), Extras.none()));
            instructionsChanged = true;
            return Step.done(Change.of("join_spec", target, "sql", "", String.join(" ", sqlParts)), "join spec " + id + " added");
        }

        @Override
        public Step removeJoinSpec(RemoveJoinSpec f) {
            Optional<Table> lt = index.table(f.leftTable()).value();
            Optional<Table> rt = index.table(f.rightTable()).value();
            if (lt.isEmpty() || rt.isEmpty()) {
                return Step.fail(Problem.TABLE_EXISTS, (lt.isEmpty() ? index.table(f.leftTable()) : index.table(f.rightTable())).problem());
            }
            String pair = JoinCondition.tablePair(lt.get().identifier(), rt.get().identifier());
            Optional<String> shape = Optional.empty();
            if (!f.condition().isBlank()) {
                var l = new JoinCondition.Side(lt.get().identifier(), Text.lastPart(Text.ident(lt.get().identifier())));
                var r = new JoinCondition.Side(rt.get().identifier(), Text.lastPart(Text.ident(rt.get().identifier())));
                Optional<JoinCondition> c = JoinCondition.read(f.condition(), l, r);
                if (c.isEmpty()) {
                    return Step.fail(Problem.JOIN_FORM, "condition is not column = column equalities between the two tables");
                }
                shape = Optional.of(JoinCondition.canonical(l, r, c.get(), null));
            }
            List<String> removed = new ArrayList<>();
            for (var it = joins.iterator(); it.hasNext(); ) {
                JoinSpec j = it.next();
                if (!JoinCondition.tablePair(j.left().identifier(), j.right().identifier()).equals(pair)) {
                    continue;
                }
                Optional<String> existing = ExistingJoin.read(j)
                        .map(e -> JoinCondition.canonical(e.left, e.right, e.condition, null));
                if (shape.isPresent() && !existing.equals(shape)) {
                    continue;
                }
                if (existing.isPresent() && joinsAddedByBatch.contains(existing.get())) {
                    continue; // the batch declares this join again: keep it (and its id)
                }
                removed.add(j.id() + " " + String.join(" ", j.sql()));
                it.remove();
                joinByShape = null;
            }
            String target = lt.get().identifier() + " -> " + rt.get().identifier();
            if (removed.isEmpty()) {
                return Step.done(Change.none("join_spec", target, "sql", ""), "no such join spec");
            }
            instructionsChanged = true;
            return Step.done(Change.of("join_spec", target, "sql", String.join("; ", removed), ""), removed.size() + " join spec(s) removed");
        }

        @Override
        public Step addExampleSql(AddExampleSql f) {
            String q = Text.questionKey(f.question());
            String sqlKey = Text.sqlKey(f.sql());
            List<String> sql = Text.lines(f.sql().strip());
            Integer at = exampleIndex().get(q);
            if (at != null) {
                int i = at;
                ExampleQuestionSql e = examples.get(i);
                String target = SpaceConfig.text(e.question());
                boolean sameSql = Text.sqlKey(SpaceConfig.text(e.sql())).equals(sqlKey);
                boolean sameGuidance = f.usageGuidance().isBlank()
                        || SpaceConfig.text(e.usageGuidance()).strip().equals(f.usageGuidance().strip());
                if (sameSql && sameGuidance) {
                    return Step.done(Change.none("example_sql", target, "sql", SpaceConfig.text(e.sql())), "already an example");
                }
                List<String> guidance = f.usageGuidance().isBlank() ? e.usageGuidance() : List.of(f.usageGuidance().strip());
                examples.set(i, new ExampleQuestionSql(e.id(), e.question(), sameSql ? e.sql() : sql, guidance, e.parameters(), e.extras()));
                instructionsChanged = true;
                return Step.done(Change.of("example_sql", target, "sql", SpaceConfig.text(e.sql()),
                        SpaceConfig.text(sameSql ? e.sql() : sql)), "example " + e.id() + " updated");
            }
            String id = ids.next();
            exampleIndex().put(q, examples.size());
            examples.add(new ExampleQuestionSql(id, List.of(f.question().strip()), sql,
                    f.usageGuidance().isBlank() ? List.of() : List.of(f.usageGuidance().strip()), List.of(), Extras.none()));
            instructionsChanged = true;
            return Step.done(Change.of("example_sql", f.question().strip(), "sql", "", f.sql().strip()), "example " + id + " added");
        }

        @Override
        public Step setTextInstruction(SetTextInstruction f) {
            return text(f.text().strip(), true);
        }

        @Override
        public Step appendTextInstruction(AppendTextInstruction f) {
            return text(f.text().strip(), false);
        }

        private Step text(String want, boolean replace) {
            List<String> content = Text.lines(want.endsWith("\n") ? want : want + "\n");
            if (text.isEmpty()) {
                String id = ids.next();
                text.add(new TextInstruction(id, content, Extras.none()));
                instructionsChanged = true;
                return Step.done(Change.of("text_instruction", id, "content", "", want), "text instruction " + id + " created");
            }
            TextInstruction t = text.get(0); // the server allows one; extra ones are the final check's business
            String now = SpaceConfig.text(t.content());
            boolean already = replace ? now.strip().equals(want) : Text.norm(now).contains(Text.norm(want));
            if (already) {
                return Step.done(Change.none("text_instruction", t.id(), "content", now), "already in the text instruction");
            }
            List<String> next = replace ? content : appended(t.content(), want + "\n");
            text.set(0, new TextInstruction(t.id(), next, t.extras()));
            instructionsChanged = true;
            return Step.done(Change.of("text_instruction", t.id(), "content", now, SpaceConfig.text(next)),
                    replace ? "text instruction replaced" : "text instruction extended");
        }

        @Override
        public Step addSqlSnippet(AddSqlSnippet f) {
            List<Snippet> list = snippets.get(f.kind());
            String sqlKey = Text.sqlKey(f.sql());
            String name = Text.norm(f.displayName());
            String section = "sql_snippet";
            Integer sameSql = snippetIndex(f.kind(), true).get(sqlKey);
            if (sameSql != null) {
                int i = sameSql;
                Snippet s = list.get(i);
                // the same SQL under another name: keep it, learn the new names as synonyms
                List<String> syn = new ArrayList<>(s.synonyms());
                List<String> wanted = new ArrayList<>(f.synonyms());
                if (!name.isEmpty() && !s.displayName().map(Text::norm).orElse("").equals(name)) {
                    wanted.add(f.displayName().strip());
                }
                for (String w : wanted) {
                    if (syn.stream().noneMatch(x -> Text.synonymKey(x).equals(Text.synonymKey(w)))) {
                        syn.add(w.strip());
                    }
                }
                String target = f.kind().json() + " " + s.displayName().orElse(s.id());
                if (syn.size() == s.synonyms().size()) {
                    return Step.done(Change.none(section, target, "synonyms", list(s.synonyms())), "already a snippet");
                }
                list.set(i, new Snippet(s.id(), s.alias(), s.displayName(), s.sql(), syn, s.instruction(), s.extras()));
                instructionsChanged = true;
                return Step.done(Change.of(section, target, "synonyms", list(s.synonyms()), list(syn)), "snippet " + s.id() + " gained synonyms");
            }
            List<String> sql = Text.lines(f.sql().strip());
            Integer sameName = name.isEmpty() ? null : snippetIndex(f.kind(), false).get(name);
            if (sameName != null) {
                int i = sameName;
                Snippet s = list.get(i);
                snippetIndex(f.kind(), true).remove(Text.sqlKey(SpaceConfig.text(s.sql())));
                snippetIndex(f.kind(), true).put(sqlKey, i);
                list.set(i, new Snippet(s.id(), s.alias(), s.displayName(), sql,
                        f.synonyms().isEmpty() ? s.synonyms() : f.synonyms(),
                        f.instruction().isBlank() ? s.instruction() : List.of(f.instruction().strip()), s.extras()));
                instructionsChanged = true;
                return Step.done(Change.of(section, f.kind().json() + " " + s.displayName().orElse(""), "sql",
                        SpaceConfig.text(s.sql()), f.sql().strip()), "snippet " + s.id() + " SQL replaced");
            }
            String id = ids.next();
            snippetIndex(f.kind(), true).put(sqlKey, list.size());
            if (!name.isEmpty()) {
                snippetIndex(f.kind(), false).put(name, list.size());
            }
            Optional<String> alias = f.kind() == SnippetKind.FILTER ? Optional.empty() : Optional.of(Snippets.alias(f));
            list.add(new Snippet(id, alias, Optional.of(f.displayName().strip()), sql,
                    f.synonyms().stream().map(String::strip).toList(),
                    f.instruction().isBlank() ? List.of() : List.of(f.instruction().strip()), Extras.none()));
            instructionsChanged = true;
            return Step.done(Change.of(section, f.kind().json() + " " + f.displayName().strip(), "sql", "", f.sql().strip()),
                    "snippet " + id + " added");
        }

        @Override
        public Step removeInstruction(RemoveInstruction f) {
            String id = f.id();
            Optional<String> removed = removeById(text, TextInstruction::id, id, t -> "text instruction")
                    .or(() -> removeById(examples, ExampleQuestionSql::id, id, e -> "example \"" + SpaceConfig.text(e.question()) + "\""))
                    .or(() -> removeById(functions, SqlFunction::id, id, fn -> "SQL function " + fn.identifier()))
                    .or(() -> removeById(joins, JoinSpec::id, id, j -> "join spec " + j.left().identifier() + " -> " + j.right().identifier()));
            for (SnippetKind k : SnippetKind.values()) {
                if (removed.isEmpty()) {
                    removed = removeById(snippets.get(k), Snippet::id, id, s -> k.json() + " snippet " + s.displayName().orElse(""));
                }
            }
            if (removed.isEmpty()) {
                return Step.done(Change.none("instruction", id, "", ""), "no instruction with this id");
            }
            instructionsChanged = true;
            joinByShape = null;
            exampleByQuestion = null;
            snippetBySql.clear();
            snippetByName.clear();
            return Step.done(Change.of("instruction", id, "", removed.get(), ""), removed.get() + " removed");
        }

        private <T> Optional<String> removeById(List<T> list, java.util.function.Function<T, String> id, String wanted,
                                                java.util.function.Function<T, String> describe) {
            for (int i = 0; i < list.size(); i++) {
                if (id.apply(list.get(i)).equals(wanted)) {
                    return Optional.of(describe.apply(list.remove(i)));
                }
            }
            return Optional.empty();
        }

        @Override
        public Step enableEntityMatching(EnableEntityMatching f) {
            boolean on = f.enabled();
            Step s = column(f.table(), f.column(), "enable_entity_matching", c -> {
                if (c.entityMatching() == on && (!on || c.formatAssistance())) {
                    return Optional.empty();
                }
                ColumnConfig n = c.withEntityMatching(on);
                return Optional.of(on ? n.withFormatAssistance(true) : n);
            }, c -> flag(c.enableEntityMatching()), on ? "entity matching on" : "entity matching off");
            entityMatchingChanged |= s.change != null && s.change.kind() != Change.Kind.NONE;
            return s;
        }

        @Override
        public Step enableFormatAssistance(EnableFormatAssistance f) {
            boolean on = f.enabled();
            Step s = column(f.table(), f.column(), "enable_format_assistance", c -> {
                if (c.formatAssistance() == on && (on || !c.entityMatching())) {
                    return Optional.empty();
                }
                ColumnConfig n = c.withFormatAssistance(on);
                // entity matching cannot stay on without format assistance
                return Optional.of(!on && c.entityMatching() ? n.withEntityMatching(false) : n);
            }, c -> flag(c.enableFormatAssistance()), on ? "format assistance on" : "format assistance off");
            if (!on && s.change != null && s.change.kind() != Change.Kind.NONE) {
                entityMatchingChanged = true;
            }
            return s;
        }
    }

    private Map<String, Integer> joinIndex() {
        if (joinByShape == null) {
            joinByShape = new HashMap<>();
            for (int i = 0; i < joins.size(); i++) {
                int at = i;
                ExistingJoin.read(joins.get(i)).ifPresent(e ->
                        joinByShape.putIfAbsent(JoinCondition.canonical(e.left, e.right, e.condition, null), at));
            }
        }
        return joinByShape;
    }

    private Map<String, Integer> exampleIndex() {
        if (exampleByQuestion == null) {
            exampleByQuestion = new HashMap<>();
            for (int i = 0; i < examples.size(); i++) {
                exampleByQuestion.putIfAbsent(Text.questionKey(SpaceConfig.text(examples.get(i).question())), i);
            }
        }
        return exampleByQuestion;
    }

    private Map<String, Integer> snippetIndex(SnippetKind kind, boolean bySql) {
        Map<SnippetKind, Map<String, Integer>> cache = bySql ? snippetBySql : snippetByName;
        return cache.computeIfAbsent(kind, k -> {
            Map<String, Integer> m = new HashMap<>();
            List<Snippet> list = snippets.get(k);
            for (int i = 0; i < list.size(); i++) {
                Snippet s = list.get(i);
                if (bySql) {
                    m.putIfAbsent(Text.sqlKey(SpaceConfig.text(s.sql())), i);
                } else {
                    int at = i;
                    s.displayName().map(Text::norm).filter(n -> !n.isEmpty()).ifPresent(n -> m.putIfAbsent(n, at));
                }
            }
            return m;
        });
    }

    /** Appends text as a new wire element, separated from what is there by a newline. */
    private static List<String> appended(List<String> parts, String add) {
        List<String> out = new ArrayList<>(parts);
        String now = SpaceConfig.text(parts);
        out.add(now.isEmpty() || now.endsWith("\n") || now.endsWith(" ") ? add : "\n" + add);
        return out;
    }

    /** A join spec of the space, read back into sides and condition (empty when its sql is not in join form). */
    record ExistingJoin(JoinCondition.Side left, JoinCondition.Side right, JoinCondition condition, Optional<Relationship> relationship) {
        static Optional<ExistingJoin> read(JoinSpec j) {
            if (j.sql().isEmpty()) {
                return Optional.empty();
            }
            List<String> sql = j.sql();
            Optional<Relationship> rel = Relationship.fromAnnotation(sql.get(sql.size() - 1));
            String cond = String.join("", rel.isPresent() ? sql.subList(0, sql.size() - 1) : sql);
            var l = new JoinCondition.Side(j.left().identifier(), j.left().alias());
            var r = new JoinCondition.Side(j.right().identifier(), j.right().alias());
            return JoinCondition.read(cond, l, r).map(c -> new ExistingJoin(l, r, c, rel));
        }
    }
}
