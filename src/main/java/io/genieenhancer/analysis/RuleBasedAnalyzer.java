package io.genieenhancer.analysis;

import io.genieenhancer.analysis.Question.Span;
import io.genieenhancer.analysis.SqlFacts.ColumnRef;
import io.genieenhancer.analysis.SqlFacts.Item;
import io.genieenhancer.analysis.SqlFacts.ItemKind;
import io.genieenhancer.analysis.SqlFacts.JoinEdge;
import io.genieenhancer.analysis.SqlFacts.Predicate;
import io.genieenhancer.fix.Confidence;
import io.genieenhancer.fix.Fix;
import io.genieenhancer.fix.Relationship;
import io.genieenhancer.fix.SnippetKind;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceConfig.JoinSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The deterministic analyser: derives fixes from the evidence alone (question, expected SQL, generated SQL and
 * the space), offline and free. It compares what the expected SQL needs with what Genie's SQL did and what the
 * space can express, and turns each gap into general knowledge named from the question's own words, never into a
 * copy of the question or its SQL. The rules (docs/analysis.md, "Rule-based analyser"):
 *
 * <ul>
 * <li><b>join spec</b>: the expected SQL joins two tables the space has no join spec for;</li>
 * <li><b>entity matching</b>: it filters a text column on a value the question says;</li>
 * <li><b>default date</b>: its time filter uses another date column of the table than Genie chose;</li>
 * <li><b>default filter</b>: the same condition recurs in most expected SQLs over a table without the questions saying it;</li>
 * <li><b>term → column synonym</b>, <b>measure</b>, <b>expression</b> and <b>filter snippets</b>: a column, an
 * aggregate, a derived value or a condition the generated SQL misses, named after the question words nothing in
 * the space names yet;</li>
 * <li><b>table term</b>: the question counts or lists rows of a table by a name the table does not have;</li>
 * <li><b>wrong column</b>: Genie used another column of the table in the same role.</li>
 * </ul>
 *
 * Confidence: HIGH when the evidence is unambiguous (an exact literal, the expected SQL's own alias saying the
 * question's words, a key column, or the same finding in two failures), MEDIUM for a single clear reading, LOW for
 * guesses. Every fix says which questions and why; its source is {@code rule}. Fixes are not deduped against each
 * other beyond {@link Findings}: the fix engine dedupes both analysers' fixes together.
 */
public final class RuleBasedAnalyzer implements FailureAnalyzer {

    static final String JOIN = "join-spec";
    static final String ENTITY = "entity-matching";
    static final String DATE = "default-date";
    static final String DEFAULT_FILTER = "default-filter";
    static final String SYNONYM = "term-synonym";
    static final String MEASURE = "measure-snippet";
    static final String EXPRESSION = "expression-snippet";
    static final String FILTER = "filter-snippet";
    static final String TABLE_TERM = "table-term";
    static final String WRONG_COLUMN = "wrong-column";
    static final String CODE = "code-meaning";
    static final String EVENT_DATE = "event-date";

    /** A condition is a default when at least this share of the failures over its table have it (and 3 or more do). */
    static final double DEFAULT_FILTER_SHARE = 0.6;
    static final int DEFAULT_FILTER_MIN = 3;

    @Override
    public String name() {
        return "rule";
    }

    @Override
    public AnalysisResult analyze(SpaceConfig space, List<FailureEvidence> failures) {
        Findings findings = new Findings();
        if (failures.isEmpty()) {
            return findings.result();
        }
        Tables tables = new Tables(space);
        // parse everything once and learn every table's columns first: an unqualified column in one failure's
        // join may only be placeable thanks to another failure's SQL
        List<Parsed> parsed = new ArrayList<>(failures.size());
        for (FailureEvidence f : failures) {
            Parsed p = new Parsed(SqlFacts.read(f.expectedSql().orElse("")), SqlFacts.read(f.generatedSql().orElse("")));
            SqlFacts.learnColumns(p.expected(), tables);
            SqlFacts.learnColumns(p.generated(), tables);
            parsed.add(p);
        }
        Vocabulary vocabulary = new Vocabulary(space, tables);
        List<Case> cases = new ArrayList<>(failures.size());
        for (int i = 0; i < failures.size(); i++) {
            FailureEvidence f = failures.get(i);
            if (f.expectedSql().isEmpty()) {
                findings.reject("question " + f.questionId() + ": no expected SQL, nothing to compare with");
                continue;
            }
            SqlFacts expected = SqlFacts.of(parsed.get(i).expected(), tables);
            if (!expected.parsed()) {
                findings.reject("question " + f.questionId() + ": the expected SQL " + expected.problem());
                continue;
            }
            SqlFacts generated = SqlFacts.of(parsed.get(i).generated(), tables);
            cases.add(new Case(f, expected, generated, new Question(f.question(), vocabulary)));
        }
        Run run = new Run(space, tables, findings);
        Set<String> defaults = run.defaultFilters(cases);
        for (Case c : cases) {
            run.analyse(c, defaults);
        }
        run.defaultDates();
        run.tableTerms();
        return findings.result();
    }

    private record Parsed(SqlFacts.Parsed expected, SqlFacts.Parsed generated) {
    }

    /** One failure as the rules see it. */
    record Case(FailureEvidence failure, SqlFacts expected, SqlFacts generated, Question question) {
        String id() {
            return failure.questionId();
        }

        String quoted() {
            String q = question.text.strip();
            return "\"" + (q.length() > 120 ? q.substring(0, 117) + "..." : q) + "\"";
        }
    }

    /** Something the expected SQL needs that the space cannot express yet and that needs a name from the question. */
    private sealed interface Need permits ColumnNeed, ItemNeed, FilterNeed {
        /** Words a question word may echo to be taken as this need's name. */
        List<String> nameWords();

        /** The expected SQL's own name for it (a select alias), if any. */
        Optional<String> alias();

        String describe();
    }

    private record ColumnNeed(ColumnRef column, Optional<String> alias, String usage) implements Need {
        @Override
        public List<String> nameWords() {
            List<String> w = new ArrayList<>(Words.ofIdentifier(column.column()));
            alias.ifPresent(a -> w.addAll(Words.ofIdentifier(a)));
            return w;
        }

        @Override
        public String describe() {
            return column + " (" + usage + ")";
        }
    }

    /** A measure or an expression of the expected SELECT that Genie's SQL lacks. */
    private record ItemNeed(Item item, SnippetKind kind) implements Need {
        @Override
        public Optional<String> alias() {
            return item.alias();
        }

        @Override
        public List<String> nameWords() {
            List<String> w = new ArrayList<>();
            item.alias().ifPresent(a -> w.addAll(Words.ofIdentifier(a)));
            return w;
        }

        @Override
        public String describe() {
            return (kind == SnippetKind.MEASURE ? "the aggregate " : "the expression ") + item.sql();
        }
    }

    private record FilterNeed(Predicate predicate) implements Need {
        @Override
        public Optional<String> alias() {
            return Optional.empty();
        }

        @Override
        public List<String> nameWords() {
            List<String> w = new ArrayList<>();
            predicate.columns().forEach(c -> w.addAll(Words.ofIdentifier(c.column())));
            predicate.strings().forEach(s -> w.addAll(Words.singularOf(s)));
            return w;
        }

        @Override
        public String describe() {
            return "the condition " + predicate.sql();
        }
    }

    /** A need with the question words chosen for it, how sure the choice is and why. */
    private record Named(Need need, Span span, Confidence confidence, String how) {
    }

    /** The state of one analysis: the space, the findings, and observations aggregated over all failures. */
    private static final class Run {
        final SpaceConfig space;
        final Tables tables;
        final Findings findings;
        /** table -> preferred date column -> question ids; and the columns Genie used instead. */
        final Map<String, Map<String, Set<String>>> dateVotes = new LinkedHashMap<>();
        final Map<String, Set<String>> dateInstead = new LinkedHashMap<>();
        /** table -> term -> question ids, from the table-term rule. */
        final Map<String, Map<String, Set<String>>> tableTerms = new LinkedHashMap<>();
        final Set<String> joinPairs = new HashSet<>();

        Run(SpaceConfig space, Tables tables, Findings findings) {
            this.space = space;
            this.tables = tables;
            this.findings = findings;
            for (JoinSpec j : space.instructions().joinSpecs()) {
                joinPairs.add(pair(tables.resolve(j.left().identifier()), tables.resolve(j.right().identifier())));
            }
        }

        void analyse(Case c, Set<String> defaults) {
            joins(c);
            List<Need> needs = new ArrayList<>();
            List<Named> named = new ArrayList<>();
            predicates(c, defaults, needs, named);
            items(c, needs);
            named.addAll(name(c, needs));
            for (Named n : named) {
                propose(c, n);
            }
        }

        // ------------------------------------------------------------------------------ join specs

        private void joins(Case c) {
            Map<String, List<JoinEdge>> byPair = new LinkedHashMap<>();
            for (JoinEdge e : c.expected().joins()) {
                String l = e.left().table();
                String r = e.right().table();
                if (!tables.inSpace(l) || !tables.inSpace(r) || joinPairs.contains(pair(l, r))) {
                    continue;
                }
                byPair.computeIfAbsent(pair(l, r), k -> new ArrayList<>()).add(e);
            }
            byPair.forEach((p, edges) -> {
                JoinEdge first = edges.get(0);
                String l = first.left().table();
                String r = first.right().table();
                List<String[]> cols = new ArrayList<>(); // {left column, right column}, with l/r as of the first edge
                for (JoinEdge e : edges) {
                    cols.add(e.left().table().equals(l) ? new String[] {e.left().column(), e.right().column()}
                            : new String[] {e.right().column(), e.left().column()});
                }
                boolean lKey = cols.stream().allMatch(x -> isKey(l, x[0]));
                boolean rKey = cols.stream().allMatch(x -> isKey(r, x[1]));
                Relationship rel;
                Confidence conf = Confidence.HIGH;
                boolean swap = false;
                if (lKey && rKey) {
                    rel = Relationship.ONE_TO_ONE;
                } else if (rKey) {
                    rel = Relationship.MANY_TO_ONE;
                } else if (lKey) {
                    rel = Relationship.MANY_TO_ONE;
                    swap = true; // the many side goes left
                } else if (cols.stream().allMatch(x -> namesTable(x[1], r))) {
                    rel = Relationship.MANY_TO_ONE;
                    conf = Confidence.MEDIUM;
                } else if (cols.stream().allMatch(x -> namesTable(x[0], l))) {
                    rel = Relationship.MANY_TO_ONE;
                    swap = true;
                    conf = Confidence.MEDIUM;
                } else {
                    rel = Relationship.MANY_TO_MANY; // claims no uniqueness: safe when the keys cannot be told
                    conf = Confidence.MEDIUM;
                }
                String left = swap ? r : l;
                String right = swap ? l : r;
                String la = tables.qualifier(left).replace('.', '_');
                String ra = tables.qualifier(right).replace('.', '_');
                if (la.equals(ra)) {
                    ra = ra + "_2";
                }
                List<String> eq = new ArrayList<>();
                List<String> plain = new ArrayList<>();
                for (String[] x : cols) {
                    String lc = swap ? x[1] : x[0];
                    String rc = swap ? x[0] : x[1];
                    eq.add("`" + la + "`.`" + lc + "` = `" + ra + "`.`" + rc + "`");
                    plain.add(tables.qualifier(left) + "." + lc + " = " + tables.qualifier(right) + "." + rc);
                }
                String condition = String.join(" AND ", eq);
                String comment = rel == Relationship.MANY_TO_ONE
                        ? "Each " + Tables.lastPart(left) + " row refers to one " + Tables.lastPart(right) + " row: " + String.join(" AND ", plain)
                        : "Join " + Tables.lastPart(left) + " and " + Tables.lastPart(right) + " on " + String.join(" AND ", plain);
                Fix fix = new Fix.AddJoinSpec(tables.identifier(left), la, tables.identifier(right), ra, condition, rel, comment, "", null);
                findings.add(JOIN, fix, c.id(), conf, "the expected SQL of " + c.id() + " " + c.quoted() + " joins "
                        + String.join(" AND ", plain) + " and the space has no join spec between " + Tables.lastPart(l)
                        + " and " + Tables.lastPart(r) + "; relationship " + rel.json() + " "
                        + (conf == Confidence.HIGH ? "from the key columns" : "guessed from the column names"));
            });
        }

        /** A table's key by name: {@code id}, {@code <singular table>_id}, {@code <last word>_id}, {@code ..._key}. */
        private boolean isKey(String table, String column) {
            String c = column.toLowerCase(Locale.ROOT);
            String described = tables.columnConfig(table, column).map(x -> SpaceConfig.text(x.description()))
                    .orElse("").toLowerCase(Locale.ROOT);
            if (KEY_WORDS.matcher(described).find()) {
                return true; // the space states the uniqueness
            }
            List<String> colWords = Words.ofIdentifier(column);
            List<String> tableWords = Words.ofIdentifier(Tables.lastPart(table));
            if (colWords.size() >= 2 && KEY_SUFFIXES.contains(colWords.get(colWords.size() - 1)) && !tableWords.isEmpty()) {
                // cust_id of customers, acct_key of accounts: the stem says the table, abbreviated or not
                List<String> stem = colWords.subList(0, colWords.size() - 1);
                List<String> tail = tableWords.subList(Math.max(0, tableWords.size() - stem.size()), tableWords.size());
                boolean says = stem.size() == tail.size();
                for (int i = 0; says && i < stem.size(); i++) {
                    says = Words.same(stem.get(i), tail.get(i)) || Words.same(tail.get(i), stem.get(i));
                }
                if (says) {
                    return true;
                }
            }
            List<String> words = Words.ofIdentifier(Tables.lastPart(table));
            if (c.equals("id") || c.equals("key")) {
                return true;
            }
            String whole = String.join("_", words);
            String last = words.isEmpty() ? "" : words.get(words.size() - 1);
            for (String stem : List.of(whole, last, Tables.lastPart(table))) {
                for (String suffix : List.of("_id", "_key", "_sk", "id")) {
                    if (!stem.isEmpty() && c.equals(stem + suffix)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static final java.util.regex.Pattern KEY_WORDS = java.util.regex.Pattern.compile(
                "(?<!not )\\b(primary key|unique|uniquely identifies|one row per)\\b");
        private static final Set<String> KEY_SUFFIXES = Set.of("id", "key", "sk", "code", "no", "num", "nbr");

        /** Whether a column name mentions the table ({@code customer_ref} names {@code customers}). */
        private static boolean namesTable(String column, String table) {
            List<String> t = Words.ofIdentifier(Tables.lastPart(table));
            List<String> c = Words.ofIdentifier(column);
            return !t.isEmpty() && c.contains(t.get(t.size() - 1));
        }

        // ------------------------------------------------------------------------------ predicates

        private void predicates(Case c, Set<String> defaults, List<Need> needs, List<Named> prenamed) {
            Question q = c.question();
            for (Predicate p : c.expected().predicates()) {
                if (c.generated().hasPredicate(p.sql()) || defaults.contains(SqlFacts.key(p.sql()))) {
                    continue;
                }
                if (p.equalsColumn().isPresent() && !p.strings().isEmpty()) {
                    List<Span> said = new ArrayList<>();
                    for (String v : p.strings()) {
                        q.findValue(v).ifPresent(said::add);
                    }
                    if (said.size() == p.strings().size()) {
                        said.forEach(q::use);
                        entityMatching(c, p, p.equalsColumn().get());
                        continue;
                    }
                }
                if (p.dateLike()) {
                    // one question's period is never a business term: at most it shows which date column to use
                    dateObservation(c, p);
                    continue;
                }
                Optional<Named> coded = codeMeaning(c, p);
                if (coded.isPresent()) {
                    prenamed.add(coded.get());
                    continue;
                }
                if (!p.numbers().isEmpty() && p.strings().isEmpty() && p.numbers().stream().allMatch(n -> saysNumber(q, n))) {
                    // a comparison the question states ("over 500"): only its column may lack a name
                    for (ColumnRef col : p.columns()) {
                        if (!c.generated().columns().contains(col) && !q.namesColumn(col)) {
                            needs.add(new ColumnNeed(col, Optional.empty(), "compared in " + p.sql()));
                        }
                    }
                    continue;
                }
                needs.add(new FilterNeed(p));
            }
        }

        /**
         * Words to codes: the expected SQL filters a column on a code the question does not say ('P2'), and the
         * column's description tells what the code means ("'P2' means high priority"). When the question says that
         * meaning, those words name the condition, with the description as evidence (HIGH).
         */
        private Optional<Named> codeMeaning(Case c, Predicate p) {
            if (p.equalsColumn().isEmpty() || p.strings().size() != 1) {
                return Optional.empty();
            }
            ColumnRef col = p.equalsColumn().get();
            String description = tables.columnConfig(col.table(), col.column()).map(x -> SpaceConfig.text(x.description())).orElse("");
            Optional<String> meaning = Codes.meaning(description, p.strings().get(0));
            if (meaning.isEmpty()) {
                return Optional.empty();
            }
            Question q = c.question();
            Optional<Span> said = q.spanSaying(Words.singularOf(meaning.get()));
            if (said.isEmpty()) {
                return Optional.empty();
            }
            q.use(said.get());
            return Optional.of(new Named(new FilterNeed(p), said.get(), Confidence.HIGH, "the description of " + col + " says '"
                    + p.strings().get(0) + "' means \"" + meaning.get() + "\", and the question says it"));
        }

        private static boolean saysNumber(Question q, String n) {
            String plain = n.endsWith(".0") ? n.substring(0, n.length() - 2) : n;
            return q.raw.contains(plain);
        }

        private void entityMatching(Case c, Predicate p, ColumnRef col) {
            if (!tables.inSpace(col.table())) {
                return;
            }
            var cfg = tables.columnConfig(col.table(), col.column());
            if (cfg.map(x -> x.entityMatching()).orElse(false)) {
                findings.reject("question " + c.id() + ": " + p.sql() + " is said in the question and " + col
                        + " already has entity matching; nothing the rules can add");
                return;
            }
            String table = tables.identifier(col.table());
            String why = "the expected SQL of " + c.id() + " filters " + p.sql() + " and the question " + c.quoted()
                    + " says the value; with entity matching Genie maps such words to the column's values";
            findings.add(ENTITY, new Fix.EnableEntityMatching(table, col.column(), true, null), c.id(), Confidence.HIGH, why);
            findings.add(ENTITY, new Fix.EnableFormatAssistance(table, col.column(), true, null), c.id(), Confidence.HIGH,
                    "format assistance shows Genie the values' format (needed by entity matching): " + why);
        }

        private void dateObservation(Case c, Predicate p) {
            Set<ColumnRef> expectedDates = p.columns();
            if (expectedDates.size() != 1) {
                return;
            }
            ColumnRef want = expectedDates.iterator().next();
            for (Predicate g : c.generated().predicates()) {
                if (!g.dateLike() || g.columns().size() != 1) {
                    continue;
                }
                ColumnRef got = g.columns().iterator().next();
                if (got.table().equals(want.table()) && !got.column().equals(want.column())
                        && !c.expected().columns().contains(got) && !c.question().namesColumn(got)) {
                    Optional<String> event = eventWord(c.question(), want);
                    if (event.isPresent()) {
                        eventDate(c, want, got, event.get());
                        return;
                    }
                    dateVotes.computeIfAbsent(want.table(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(want.column(), k -> new LinkedHashSet<>()).add(c.id());
                    dateInstead.computeIfAbsent(want.table() + "." + want.column(), k -> new LinkedHashSet<>()).add(got.column());
                    return;
                }
            }
        }

        /** Words of a date column's name that say its event ({@code ship_dt}: "ship"), not that it is a date. */
        private static final Set<String> DATE_NAME_WORDS = Set.of("dt", "ts", "at", "on", "date", "time", "timestamp", "day");

        /** The question word that names the event a date column records ("shipped" for {@code ship_dt}), if any. */
        private static Optional<String> eventWord(Question q, ColumnRef date) {
            List<String> event = Words.ofIdentifier(date.column()).stream()
                    .filter(w -> !DATE_NAME_WORDS.contains(w) && !Words.GRAIN.contains(w) && w.length() >= 3)
                    // ord_dt of orders dates the row itself: that is the table's default date, not an event
                    .filter(w -> Words.ofIdentifier(Tables.lastPart(date.table())).stream().noneMatch(t -> Words.same(w, t))).toList();
            for (int k = 0; k < q.size(); k++) {
                String w = q.words.get(k);
                if (!Words.isRole(w) && event.stream().anyMatch(e -> Words.same(e, w))) {
                    return Optional.of(q.raw.get(k));
                }
            }
            return Optional.empty();
        }

        /**
         * The question is about an event (shipped, closed, expired) and the expected SQL dates it by that event's
         * column while Genie used the table's other date: the column says which event it dates, and the instruction
         * says so for the table, instead of a default that would be wrong for the table's other events.
         */
        private void eventDate(Case c, ColumnRef want, ColumnRef got, String event) {
            String q = tables.qualifier(want.table());
            String why = "question " + c.id() + " " + c.quoted() + " is about what was \"" + event + "\"; the expected SQL dates it by "
                    + q + "." + want.column() + ", Genie used " + got.column();
            findings.add(EVENT_DATE, new Fix.ExtendColumnDescription(tables.identifier(want.table()), want.column(),
                    "Date when the row was " + event + "; the date for questions about " + event + " rows.", null), c.id(), Confidence.MEDIUM, why);
            findings.add(EVENT_DATE, new Fix.AppendTextInstruction("Use " + q + "." + want.column() + " as the date for " + event + " "
                    + Tables.lastPart(want.table()) + ".", null), c.id(), Confidence.MEDIUM, why);
        }

        /** The default date of a table, where failures show Genie using another date column of it for a time phrase. */
        void defaultDates() {
            dateVotes.forEach((table, votes) -> {
                if (!tables.inSpace(table)) {
                    return;
                }
                int max = votes.values().stream().mapToInt(Set::size).max().orElse(0);
                List<String> top = votes.entrySet().stream().filter(e -> e.getValue().size() == max).map(Map.Entry::getKey).toList();
                if (top.size() != 1) {
                    findings.reject("rule: the failures disagree on the default date of " + table + ": " + votes.keySet());
                    return;
                }
                String column = top.get(0);
                Set<String> ids = votes.get(column);
                Set<String> instead = dateInstead.getOrDefault(table + "." + column, Set.of());
                String q = tables.qualifier(table);
                String why = "for a time period the expected SQL uses " + q + "." + column + " where Genie used "
                        + String.join(", ", instead) + " (questions " + ids + ")";
                for (String id : ids) {
                    Confidence conf = Confidence.MEDIUM; // two failures agreeing make it HIGH in Findings
                    findings.add(DATE, new Fix.AppendTextInstruction("Use " + q + "." + column + " as the default date for " + q + ".", null),
                            id, conf, why);
                    findings.add(DATE, new Fix.ExtendColumnDescription(tables.identifier(table), column, "Default date of " + q + ".", null),
                            id, conf, why);
                }
            });
        }

        /**
         * Conditions that recur in most expected SQLs over a table while the questions do not say them: a business
         * rule, stated once in the text instruction rather than as a snippet nobody names.
         */
        Set<String> defaultFilters(List<Case> cases) {
            Map<String, Set<String>> withTable = new LinkedHashMap<>();
            Map<String, Set<String>> withPredicate = new LinkedHashMap<>();
            Map<String, Predicate> example = new LinkedHashMap<>();
            for (Case c : cases) {
                for (String t : c.expected().tables()) {
                    withTable.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(c.id());
                }
                for (Predicate p : c.expected().predicates()) {
                    if (p.dateLike() || p.columns().isEmpty() || saidInQuestion(c.question(), p)) {
                        continue;
                    }
                    String k = SqlFacts.key(p.sql());
                    withPredicate.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(c.id());
                    example.putIfAbsent(k, p);
                }
            }
            Set<String> out = new HashSet<>();
            // conditions that always come together (an "active" state of two conditions) are one rule, not two
            Map<String, List<Predicate>> rules = new LinkedHashMap<>();
            Map<String, Integer> overOf = new LinkedHashMap<>();
            withPredicate.forEach((k, ids) -> {
                Predicate p = example.get(k);
                int over = p.columns().stream().map(col -> withTable.getOrDefault(col.table(), Set.of()).size())
                        .max(Comparator.naturalOrder()).orElse(0);
                if (ids.size() < DEFAULT_FILTER_MIN || over == 0 || (double) ids.size() / over < DEFAULT_FILTER_SHARE) {
                    return;
                }
                out.add(k);
                String group = ids + "|" + p.columns().stream().map(ColumnRef::table).sorted().toList();
                rules.computeIfAbsent(group, x -> new ArrayList<>()).add(p);
                overOf.put(group, over);
            });
            rules.forEach((group, preds) -> {
                Set<String> ids = withPredicate.get(SqlFacts.key(preds.get(0).sql()));
                int over = overOf.get(group);
                String condition = String.join(" AND ", preds.stream().map(Predicate::sql).toList());
                Confidence conf = (double) ids.size() / over >= 0.75 ? Confidence.HIGH : Confidence.MEDIUM;
                String why = ids.size() + " of " + over + " failing questions over " + preds.get(0).columns().iterator().next().table()
                        + " expect " + condition + " without saying it (questions " + ids + ")";
                for (String id : ids) {
                    findings.add(DEFAULT_FILTER, new Fix.AppendTextInstruction("Unless asked otherwise, apply " + condition + ".", null),
                            id, conf, why);
                }
            });
            return out;
        }

        private static boolean saidInQuestion(Question q, Predicate p) {
            return !p.strings().isEmpty() && p.strings().stream().allMatch(s -> q.findValue(s).isPresent());
        }

        // ------------------------------------------------------------------------------ select items

        private void items(Case c, List<Need> needs) {
            Question q = c.question();
            SqlFacts g = c.generated();
            Set<String> seen = new HashSet<>();
            List<Item> all = new ArrayList<>(c.expected().selectItems());
            all.addAll(c.expected().groupBy());
            for (Item item : all) {
                if (!seen.add(SqlFacts.key(item.sql())) || g.hasItem(item.sql())) {
                    continue;
                }
                if (item.kind() == ItemKind.COLUMN || (item.kind() == ItemKind.SIMPLE_AGGREGATE && !item.countStar())) {
                    ColumnRef col = item.columns().iterator().next();
                    if (!g.columns().contains(col) && !q.namesColumn(col) && tables.inSpace(col.table())) {
                        needs.add(new ColumnNeed(col, item.alias(), item.kind() == ItemKind.COLUMN ? "selected or grouped by" : "in " + item.sql()));
                    }
                } else if (item.kind() == ItemKind.MEASURE) {
                    needs.add(new ItemNeed(item, SnippetKind.MEASURE));
                } else if (item.kind() == ItemKind.EXPRESSION) {
                    needs.add(new ItemNeed(item, SnippetKind.EXPRESSION));
                }
            }
        }

        // ------------------------------------------------------------------------------ naming

        /**
         * Chooses question words for each need: first the expected SQL's own alias said in the question (HIGH),
         * then a question word echoing the need's column or value names (MEDIUM), then the table-term rule takes its
         * words, and a single need left with a single free phrase pairs with it (MEDIUM); any other pairing is a
         * guess (LOW).
         */
        private List<Named> name(Case c, List<Need> needs) {
            Question q = c.question();
            understood(c);
            List<Named> out = new ArrayList<>();
            List<Need> open = new ArrayList<>(needs);
            for (Need n : needs) {
                List<String> alias = n.alias().map(Words::ofIdentifier).orElse(List.of());
                if (alias.isEmpty()) {
                    continue;
                }
                Optional<Span> s = q.spanSaying(alias);
                if (s.isPresent() && q.hasFree(s.get())) {
                    Span span = n instanceof ColumnNeed ? q.freePart(s.get()).orElse(null) : s.get();
                    if (span != null) {
                        out.add(new Named(n, span, Confidence.HIGH, "the expected SQL calls it " + String.join("_", alias)
                                + ", as the question does"));
                        q.use(s.get());
                        open.remove(n);
                    }
                }
            }
            List<Span> runs = new ArrayList<>(q.freeRuns());
            // echoes: a free phrase that repeats a word of the need's column or value
            boolean progress = true;
            while (progress && !open.isEmpty() && !runs.isEmpty()) {
                progress = false;
                int bestScore = 0;
                Need bestNeed = null;
                Span bestRun = null;
                boolean tie = false;
                for (Need n : open) {
                    for (Span r : runs) {
                        int score = echo(q, r, n.nameWords());
                        if (score > bestScore) {
                            bestScore = score;
                            bestNeed = n;
                            bestRun = r;
                            tie = false;
                        } else if (score == bestScore && score > 0) {
                            tie = true;
                        }
                    }
                }
                if (bestNeed != null && !tie) {
                    out.add(new Named(bestNeed, bestRun, Confidence.MEDIUM, "\"" + q.text(bestRun) + "\" echoes " + bestNeed.describe()));
                    q.use(bestRun);
                    open.remove(bestNeed);
                    runs.remove(bestRun);
                    progress = true;
                }
            }
            tableTermWords(c);
            anchored(c, open, out);
            runs = q.freeRuns();
            if (open.size() == 1 && runs.size() == 1) {
                Need n = open.get(0);
                out.add(new Named(n, runs.get(0), Confidence.MEDIUM, "\"" + q.text(runs.get(0))
                        + "\" is the only phrase of the question nothing in the space names, and " + n.describe()
                        + " is the only thing the generated SQL misses"));
                q.use(runs.get(0));
                open.clear();
            } else if (!open.isEmpty() && !runs.isEmpty()) {
                // as many phrases as needs: pair them in order, as a guess
                List<Need> ordered = new ArrayList<>(open);
                for (int i = 0; i < Math.min(ordered.size(), runs.size()); i++) {
                    out.add(new Named(ordered.get(i), runs.get(i), Confidence.LOW, "a guess: the generated SQL misses " + open.size()
                            + " such part(s) and the question has " + runs.size() + " phrase(s) nothing names; paired in order"));
                }
                open.clear();
            }
            for (Need n : open) {
                findings.reject("question " + c.id() + ": " + n.describe() + " is missing from the generated SQL, but no word of the question "
                        + c.quoted() + " is left to name it");
            }
            return out;
        }

        /**
         * Free words that echo a column both SQLs use ("channel" for {@code channel_cd}) were understood by Genie:
         * they name nothing missing, so they are not offered as names.
         */
        private static void understood(Case c) {
            Question q = c.question();
            List<String> shared = new ArrayList<>();
            for (ColumnRef col : c.expected().columns()) {
                if (c.generated().columns().contains(col)) {
                    shared.addAll(Words.ofIdentifier(col.column()));
                }
            }
            for (int k = 0; k < q.size(); k++) {
                String w = q.words.get(k);
                if (q.isFree(k) && shared.stream().anyMatch(n -> n.length() >= 3 && Words.same(n, w))) {
                    q.use(new Span(k, k + 1));
                }
            }
        }

        /**
         * A condition is usually said as a word right next to the noun of its table ("pending tickets", "tickets that
         * are pending"): a need whose table noun has exactly one free phrase next to it, and that phrase next to no
         * other open need's table noun, is named by it (MEDIUM), not by a verb or adverb further away.
         */
        private void anchored(Case c, List<Need> open, List<Named> out) {
            Question q = c.question();
            Map<Need, List<Span>> candidates = new LinkedHashMap<>();
            Map<Span, Integer> claims = new LinkedHashMap<>();
            for (Need n : open) {
                if (!(n instanceof FilterNeed)) {
                    continue; // a state word qualifies its noun; a metric or a column is a noun of its own
                }
                Set<String> needTables = needTables(n);
                List<Span> next = q.freeRuns().stream().filter(r -> nextToNoun(q, r, needTables)).toList();
                candidates.put(n, next);
                next.forEach(r -> claims.merge(r, 1, Integer::sum));
            }
            candidates.forEach((n, spans) -> {
                if (spans.size() == 1 && claims.get(spans.get(0)) == 1) {
                    Span r = spans.get(0);
                    out.add(new Named(n, r, Confidence.MEDIUM, "\"" + q.text(r) + "\" is said next to the name of "
                            + String.join(", ", needTables(n)) + ", where " + n.describe() + " applies"));
                    q.use(r);
                    open.remove(n);
                }
            });
        }

        private static Set<String> needTables(Need n) {
            Set<String> out = new LinkedHashSet<>();
            if (n instanceof FilterNeed f) {
                f.predicate().columns().forEach(x -> out.add(x.table()));
            }
            return out;
        }

        /** The run stands right before a word naming one of the tables, or right after it (past "that are", "is"). */
        private static boolean nextToNoun(Question q, Span run, Set<String> needTables) {
            if (run.to() < q.size() && needTables.stream().anyMatch(t -> q.namesSomethingOf(run.to(), t))) {
                return true;
            }
            int back = run.from() - 1;
            while (back >= 0 && COPULA.contains(q.raw.get(back))) {
                back--;
            }
            final int noun = back;
            // after the noun only as its predicate: past a copula, or the question's last words ("tickets pending")
            boolean predicate = noun < run.from() - 1 || run.to() == q.size();
            return noun >= 0 && predicate && needTables.stream().anyMatch(t -> q.namesSomethingOf(noun, t));
        }

        /** Words between a noun and the state said of it: "tickets that are still pending". */
        private static final Set<String> COPULA = Set.of("that", "which", "who", "are", "is", "was", "were", "be", "been", "being",
                "currently", "still", "now");

        /** How many words of the run echo one of the need's name words. */
        private static int echo(Question q, Span run, List<String> nameWords) {
            int score = 0;
            for (int k = run.from(); k < run.to(); k++) {
                if (!q.isFree(k)) {
                    continue;
                }
                String w = q.words.get(k);
                if (nameWords.stream().anyMatch(n -> Words.same(n, w))) {
                    score++;
                }
            }
            return score;
        }

        private void propose(Case c, Named n) {
            Question q = c.question();
            String term = q.text(n.span());
            String why = "question " + c.id() + " " + c.quoted() + ": " + n.need().describe() + " is missing from the generated SQL; "
                    + n.how();
            Need need = n.need();
            if (need instanceof ColumnNeed cn) {
                if (term.length() < 2 || Words.isFiller(term)) {
                    return;
                }
                String table = tables.identifier(cn.column().table());
                findings.add(SYNONYM, new Fix.AddSynonym(table, cn.column().column(), term, null), c.id(), n.confidence(),
                        why + "; so \"" + term + "\" is a synonym of " + cn.column(), "synonym:" + String.join(" ", Words.singularOf(term)),
                        cn.column().toString());
                wrongColumn(c, cn, term, n.confidence());
            } else if (need instanceof ItemNeed m && m.kind() == SnippetKind.MEASURE) {
                snippet(c, SnippetKind.MEASURE, m.item().sql(), m.item().alias(), n, why);
            } else if (need instanceof ItemNeed e) {
                List<String> nameWords = q.words.subList(n.span().from(), n.span().to());
                if (nameWords.stream().allMatch(w -> Words.GRAIN.contains(w) || Words.isFiller(w))) {
                    findings.reject("question " + c.id() + ": " + e.item().sql() + " is named only by a time grain (\"" + term
                            + "\"); grains are Genie's own, the default-date rule covers which date");
                    return;
                }
                snippet(c, SnippetKind.EXPRESSION, e.item().sql(), e.item().alias(), n, why);
            } else if (need instanceof FilterNeed f) {
                snippet(c, SnippetKind.FILTER, f.predicate().sql(), Optional.empty(), n, why);
                codeDescription(c, f.predicate(), term, n.confidence(), why);
            }
        }

        /**
         * A code the question's word stands for ('P2' for "urgent") is business vocabulary: the column's description
         * states it, so every question that says the word (not only this one) can be mapped to the code.
         */
        private void codeDescription(Case c, Predicate p, String term, Confidence confidence, String why) {
            if (p.equalsColumn().isEmpty() || p.strings().size() != 1 || !Codes.looksLikeCode(p.strings().get(0))) {
                return;
            }
            ColumnRef col = p.equalsColumn().get();
            String code = p.strings().get(0);
            String now = tables.columnConfig(col.table(), col.column()).map(x -> SpaceConfig.text(x.description())).orElse("");
            if (!tables.inSpace(col.table()) || Codes.meaning(now, code).isPresent()) {
                return;
            }
            findings.add(CODE, new Fix.ExtendColumnDescription(tables.identifier(col.table()), col.column(),
                            "'" + code + "' means " + term + ".", null), c.id(), confidence,
                    why + "; the data holds the code '" + code + "' where the question says \"" + term + "\"",
                    "code:" + col + ":" + code, String.join(" ", Words.singularOf(term)));
        }

        /** Metric words around a measure's phrase belong to its name: "refund" + "rate", "average" + "basket", "per" + noun. */
        private static final Set<String> METRIC_BEFORE = Set.of("average", "avg", "mean", "total", "net", "gross");
        private static final Set<String> METRIC_AFTER = Set.of("rate", "ratio", "share", "percentage", "percent", "margin");

        private static Span metricSpan(Question q, Span s) {
            int from = s.from();
            int to = s.to();
            if (from > 0 && METRIC_BEFORE.contains(q.raw.get(from - 1))) {
                from--;
            }
            if (to < q.size() && METRIC_AFTER.contains(q.raw.get(to))) {
                to++;
            }
            if (to + 1 < q.size() && q.raw.get(to).equals("per") && q.mark(to + 1) == Question.Mark.NAMED) {
                to += 2; // "revenue per customer": a per-entity average
            }
            return new Span(from, to);
        }

        private void snippet(Case c, SnippetKind kind, String sql, Optional<String> alias, Named n, String why) {
            Question q = c.question();
            String name = q.text(kind == SnippetKind.MEASURE ? metricSpan(q, n.span()) : n.span());
            List<String> synonyms = new ArrayList<>();
            if (kind == SnippetKind.FILTER) {
                // "fulfilled" + the table noun after it is how people say it: "fulfilled orders"
                int next = n.span().to();
                if (next < q.size() && q.mark(next) == Question.Mark.NAMED) {
                    synonyms.add(name);
                    name = name + " " + q.raw.get(next);
                }
            }
            String a = kind == SnippetKind.FILTER ? "" : alias.orElseGet(() -> String.join("_", Words.of(q.text(n.span()))));
            Fix fix = new Fix.AddSqlSnippet(kind, name, a, sql, synonyms, "", null);
            findings.add(kindRule(kind), fix, c.id(), n.confidence(), why + "; so a " + kind.json() + " snippet \"" + name + "\"",
                    "snippet:" + kind.json() + ":" + String.join(" ", Words.singularOf(name)), SqlFacts.key(sql));
        }

        private static String kindRule(SnippetKind k) {
            return switch (k) {
                case FILTER -> FILTER;
                case MEASURE -> MEASURE;
                case EXPRESSION -> EXPRESSION;
            };
        }

        /**
         * Genie used another column of the same table in the same role (the same aggregate, or as a plain column):
         * the column's description should say which questions it answers.
         */
        private void wrongColumn(Case c, ColumnNeed need, String term, Confidence confidence) {
            ColumnRef want = need.column();
            Optional<Item> expectedItem = c.expected().selectItems().stream().filter(i -> i.columns().equals(Set.of(want))).findFirst();
            if (expectedItem.isEmpty()) {
                return;
            }
            Item e = expectedItem.get();
            for (Item g : c.generated().selectItems()) {
                if (g.kind() != e.kind() || !g.aggregate().equals(e.aggregate()) || g.columns().size() != 1) {
                    continue;
                }
                ColumnRef got = g.columns().iterator().next();
                if (got.table().equals(want.table()) && !got.equals(want) && !c.expected().columns().contains(got)) {
                    findings.add(WRONG_COLUMN, new Fix.ExtendColumnDescription(tables.identifier(want.table()), want.column(),
                                    "\"" + term + "\" means this column, not " + got.column() + ".", null),
                            c.id(), confidence, "question " + c.id() + " " + c.quoted() + ": Genie used " + got + " where the expected SQL uses "
                                    + want + " for \"" + term + "\"");
                    return;
                }
            }
        }

        // ------------------------------------------------------------------------------ table terms

        private static final Set<String> STOP_PHRASE = Set.of("are", "were", "is", "was", "did", "does", "do", "have", "has", "had",
                "in", "on", "at", "for", "with", "by", "per", "from", "that", "which", "who", "there", "whose", "where", "when",
                "and", "or", "than", "of", "to", "during", "since", "before", "after", "between");

        /** The words right after "how many", "number of", "count of", "which", "list" ...: what the question counts or lists. */
        private static Optional<Span> countedPhrase(Question q) {
            for (int i = 0; i < q.size(); i++) {
                String w = q.raw.get(i);
                String next = i + 1 < q.size() ? q.raw.get(i + 1) : "";
                int start = -1;
                if ((w.equals("how") && next.equals("many")) || ((w.equals("number") || w.equals("count")) && next.equals("of"))) {
                    start = i + 2;
                } else if (w.equals("which") || w.equals("list") || w.equals("show")) {
                    start = i + 1;
                }
                if (start < 0) {
                    continue;
                }
                while (start < q.size() && (q.raw.get(start).equals("the") || q.raw.get(start).equals("a") || q.raw.get(start).equals("all")
                        || q.mark(start) == Question.Mark.USED || q.mark(start) == Question.Mark.LITERAL)) {
                    start++;
                }
                int end = start;
                while (end < q.size() && !STOP_PHRASE.contains(q.raw.get(end)) && (q.mark(end) == Question.Mark.FREE
                        || q.mark(end) == Question.Mark.NAMED)) {
                    end++;
                }
                if (end > start) {
                    return Optional.of(new Span(start, end));
                }
            }
            return Optional.empty();
        }

        /** Rows of the expected query's table are counted or listed under a name the table does not have. */
        private void tableTermWords(Case c) {
            SqlFacts e = c.expected();
            Optional<String> root = e.root();
            if (root.isEmpty() || !tables.inSpace(root.get())) {
                return;
            }
            boolean counts = e.selectItems().stream().anyMatch(Item::countStar);
            boolean lists = e.selectItems().stream().noneMatch(i -> i.kind() == ItemKind.SIMPLE_AGGREGATE || i.kind() == ItemKind.MEASURE);
            if (!counts && !lists) {
                return;
            }
            SqlFacts g = c.generated();
            boolean generatedSame = g.root().equals(root) && (lists || g.selectItems().stream().anyMatch(Item::countStar));
            Question q = c.question();
            if (generatedSame || q.namesTable(root.get())) {
                return;
            }
            Optional<Span> phrase = countedPhrase(q);
            if (phrase.isEmpty() || !q.hasFree(phrase.get())) {
                return;
            }
            Span s = phrase.get();
            String term = q.text(s);
            tableTerms.computeIfAbsent(root.get(), k -> new LinkedHashMap<>()).computeIfAbsent(term, k -> new LinkedHashSet<>()).add(c.id());
            q.use(s);
        }

        /** One description per table with every name the failures call its rows by (one fix: a description is replaced whole). */
        void tableTerms() {
            tableTerms.forEach((table, terms) -> {
                var t = tables.table(table);
                if (t.isEmpty()) {
                    return;
                }
                String now = SpaceConfig.text(t.get().description()).strip();
                List<String> fresh = terms.keySet().stream().filter(x -> !now.toLowerCase(Locale.ROOT).contains(x)).toList();
                if (fresh.isEmpty()) {
                    return;
                }
                String sentence = "Its rows are also called " + String.join(", ", fresh.stream().map(x -> "\"" + x + "\"").toList()) + ".";
                String description = now.isEmpty() ? sentence : (now.endsWith(".") ? now : now + ".") + " " + sentence;
                Fix fix = new Fix.SetTableDescription(t.get().identifier(), description, null);
                terms.forEach((term, ids) -> {
                    if (!fresh.contains(term)) {
                        return;
                    }
                    for (String id : ids) {
                        findings.add(TABLE_TERM, fix, id, Confidence.MEDIUM, "question " + id + " counts or lists rows of " + table
                                + " as \"" + term + "\", a name the table does not have; Genie chose another table");
                    }
                });
            });
        }

        private static String pair(String a, String b) {
            return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
        }
    }
}
