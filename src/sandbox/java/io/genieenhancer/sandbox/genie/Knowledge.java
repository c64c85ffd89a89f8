package io.genieenhancer.sandbox.genie;

import io.genieenhancer.sandbox.sql.SqlLexer;
import io.genieenhancer.sandbox.sql.SqlLexer.Token;
import io.genieenhancer.sandbox.sql.TableInfo;
import io.genieenhancer.sandbox.sql.TableInfo.Kind;
import io.genieenhancer.space.SpaceConfig;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the sandbox Genie knows, built from ONE space configuration and the warehouse catalog.
 * Benchmarks are removed before anything is read: the Genie cannot see the answers.
 *
 * <p>Strengths of a match (higher wins when two readings compete for the same words; a longer phrase
 * always wins over a shorter one): synonym, snippet name/synonym, instruction term 100; entity value 95;
 * full column or table name 90; phrase in a description 50 (column) / 45 (table); one word of a column or
 * table name 30.
 */
public final class Knowledge {

    static final int SYNONYM = 100;
    static final int VALUE = 95;
    static final int NAME = 90;
    static final int COLUMN_DESCRIPTION = 50;
    static final int TABLE_DESCRIPTION = 45;
    static final int NAME_WORD = 30;

    /** Entity matching indexes at most this many values per column, each at most 127 characters (the product limits). */
    static final int MAX_VALUES = 1024;
    static final int MAX_VALUE_CHARS = 127;

    /** Nouns that, after a table's name, still mean the table ("sales records", "payments table"). */
    static final List<String> TABLE_NOUNS = List.of("record", "table", "row", "entry");

    private static final Pattern KEY_LIKE = Pattern.compile("(.*_)?(id|key|sku|cd|code|no|nbr|num)$");

    // ------------------------------------------------------------------------------------ model

    public static final class Tbl {
        final String identifier;
        final String alias;
        final List<String> nameWords;
        final List<String> descriptionWords;
        final List<Col> columns = new ArrayList<>();
        final int order;

        Tbl(String identifier, String alias, List<String> descriptionWords, int order) {
            this.identifier = identifier;
            this.alias = alias;
            this.nameWords = Text.identifierWords(alias);
            this.descriptionWords = descriptionWords;
            this.order = order;
        }

        Optional<Col> column(String name) {
            return columns.stream().filter(c -> c.name.equalsIgnoreCase(name)).findFirst();
        }

        /** The column that names a row: a column called or described as "name", else the first text column. */
        Col label() {
            return columns.stream().filter(c -> c.nameWords.contains("name") || c.synonyms.stream().anyMatch(s -> s.contains("name")))
                    .findFirst()
                    .or(() -> columns.stream().filter(c -> c.kind == Kind.TEXT && !c.keyLike).findFirst())
                    .orElse(columns.get(0));
        }

        /** The row identity used for COUNT(DISTINCT ...) once joins may repeat rows. */
        Col primaryKey() {
            String singular = Text.singular(alias);
            // <thing>_id, id, a first column named like a key (txid, uid), any *_id, the first column
            return columns.stream().filter(c -> c.name.equals(singular + "_id")).findFirst()
                    .or(() -> columns.stream().filter(c -> c.name.equals("id")).findFirst())
                    .or(() -> columns.get(0).name.endsWith("id") ? Optional.of(columns.get(0)) : Optional.empty())
                    .or(() -> columns.stream().filter(c -> c.name.endsWith("_id")).findFirst())
                    .orElse(columns.get(0));
        }

        List<Col> dateColumns() {
            return columns.stream().filter(c -> c.kind == Kind.DATE).toList();
        }

        @Override
        public String toString() {
            return identifier;
        }
    }

    public static final class Col {
        final Tbl table;
        final String name;
        final Kind kind;
        final boolean keyLike;
        final List<String> nameWords;
        final List<String> descriptionWords;
        final List<String> synonyms; // normalised keys
        final boolean entityMatching;
        final List<String> values;

        Col(Tbl table, String name, Kind kind, List<String> descriptionWords, List<String> synonyms,
                boolean entityMatching, List<String> values) {
            this.table = table;
            this.name = name;
            this.kind = kind;
            this.keyLike = KEY_LIKE.matcher(name).matches();
            this.nameWords = Text.identifierWords(name);
            this.descriptionWords = descriptionWords;
            this.synonyms = synonyms;
            this.entityMatching = entityMatching;
            this.values = values;
        }

        String ref() {
            return table.alias + "." + name;
        }

        boolean measurable() {
            return kind == Kind.NUMBER && !keyLike && this != table.primaryKey(); // a txid or uid is not a quantity
        }

        @Override
        public String toString() {
            return table.alias + "." + name;
        }
    }

    /** A piece of SQL from the configuration, its table qualifiers rewritten to the Genie's aliases. */
    public record Fragment(String sql, Set<Tbl> tables) {
    }

    public sealed interface Target permits ColumnT, TableT, ValueT, FilterT, MeasureT, ExpressionT, DatedT {
    }

    public record ColumnT(Col column) implements Target {
    }

    public record TableT(Tbl table) implements Target {
    }

    public record ValueT(Col column, String value) implements Target {
    }

    public record FilterT(String name, Fragment condition) implements Target {
    }

    public record MeasureT(String alias, Fragment expression) implements Target {
    }

    public record ExpressionT(String alias, Fragment expression) implements Target {
    }

    /** A term that only says which date the question means ("signed up" -> customers.join_date). */
    public record DatedT(Col date) implements Target {
    }

    /** An exact phrase the Genie recognises, where it comes from, and how strongly it binds. */
    public record Entry(List<String> phrase, Target target, int strength, String source) {
    }

    public record JoinSpecK(String id, Tbl left, Tbl right, String condition) {
        Tbl other(Tbl t) {
            return t == left ? right : left;
        }
    }

    public record DefaultFilter(Fragment condition, Set<Col> columns) {
    }

    public record Example(String id, String question, List<String> signature, List<Literal> literals, String sql) {
    }

    public record Literal(String kind, String text) {
    }

    // ------------------------------------------------------------------------------------ state

    final List<Tbl> tables = new ArrayList<>();
    final List<Entry> entries = new ArrayList<>();
    final List<JoinSpecK> joinSpecs = new ArrayList<>();
    final List<DefaultFilter> defaultFilters = new ArrayList<>();
    final Map<Tbl, Col> defaultDates = new LinkedHashMap<>();
    final List<Example> examples = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    /** Date columns tied to a term (normalised phrase, "sign up" -> customers.join_date): the time column when the term is used. */
    final Map<String, Col> termDates = new LinkedHashMap<>();
    /** Conditions tied to one term, typically a metric (normalised phrase): applied only when the term is used. */
    final Map<String, List<Fragment>> termFilters = new LinkedHashMap<>();
    private final Map<String, Tbl> qualifiers = new LinkedHashMap<>();
    /** The scenario's snapshot date: what "today", "last month", "past 30 days" are relative to. */
    final LocalDate today;

    private Knowledge(LocalDate today) {
        this.today = today;
    }

    /**
     * @param catalog the warehouse's tables (what Unity Catalog would tell Genie about columns and types)
     * @param values  distinct values of a column (only asked for entity-matching columns)
     */
    public static Knowledge of(SpaceConfig space, List<TableInfo> catalog, BiFunction<String, String, List<String>> values) {
        return of(space, catalog, values, Optional.empty());
    }

    /**
     * @param today the scenario's snapshot date; without one, relative dates are taken from the machine's
     *              date, as the warehouse's {@code CURRENT_DATE} would be
     */
    public static Knowledge of(SpaceConfig space, List<TableInfo> catalog, BiFunction<String, String, List<String>> values,
            Optional<LocalDate> today) {
        Knowledge k = new Knowledge(today.orElseGet(() -> LocalDate.now(java.time.ZoneOffset.UTC)));
        SpaceConfig visible = space.withBenchmarks(null); // the answers are never part of what Genie knows
        k.buildTables(visible, catalog, values);
        k.buildJoinSpecs(visible);
        k.buildSnippets(visible);
        k.buildInstructions(visible);
        k.buildTermDates();
        k.buildExamples(visible);
        return k;
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    private void buildTables(SpaceConfig space, List<TableInfo> catalog, BiFunction<String, String, List<String>> values) {
        Set<String> aliases = new LinkedHashSet<>();
        int order = 0;
        for (SpaceConfig.Table t : space.dataSources().tables()) {
            Optional<TableInfo> info = catalog.stream().filter(c -> c.identifier().equalsIgnoreCase(t.identifier())).findFirst();
            if (info.isEmpty()) {
                notes.add("table " + t.identifier() + " does not exist in the warehouse; ignored");
                continue;
            }
            String alias = info.get().name();
            while (!aliases.add(alias)) {
                alias = alias + "_";
            }
            Tbl tbl = new Tbl(t.identifier().toLowerCase(Locale.ROOT), alias, Text.norm(SpaceConfig.text(t.description())), order++);
            for (TableInfo.ColumnInfo ci : info.get().columns()) {
                Optional<SpaceConfig.ColumnConfig> cc = t.column(ci.name());
                if (cc.flatMap(SpaceConfig.ColumnConfig::exclude).orElse(false)) {
                    continue;
                }
                boolean em = cc.map(SpaceConfig.ColumnConfig::entityMatching).orElse(false);
                List<String> vals = em ? values.apply(tbl.identifier, ci.name()).stream()
                        .filter(v -> v.length() <= MAX_VALUE_CHARS).limit(MAX_VALUES).toList() : List.of();
                tbl.columns.add(new Col(tbl, ci.name().toLowerCase(Locale.ROOT), ci.kind(),
                        cc.map(c -> Text.norm(SpaceConfig.text(c.description()))).orElse(List.of()),
                        cc.map(c -> c.synonyms().stream().map(Text::key).filter(s -> !s.isBlank()).toList()).orElse(List.of()),
                        em, vals));
            }
            if (tbl.columns.isEmpty()) {
                notes.add("table " + t.identifier() + " has no visible column; ignored");
                continue;
            }
            tables.add(tbl);
            qualifiers.put(tbl.alias, tbl);
            qualifiers.put(tbl.identifier, tbl);
            qualifiers.put(tbl.identifier.substring(tbl.identifier.indexOf('.') + 1), tbl);
        }
        for (Tbl t : tables) {
            entries.add(new Entry(t.nameWords, new TableT(t), NAME, "table name"));
            for (String noun : TABLE_NOUNS) { // "sales records", "the sales table": the table itself, not a description's "record"
                List<String> phrase = new ArrayList<>(t.nameWords);
                phrase.add(noun);
                entries.add(new Entry(phrase, new TableT(t), NAME, "table name"));
            }
            for (Col c : t.columns) {
                entries.add(new Entry(c.nameWords, new ColumnT(c), NAME, "column name"));
                for (String s : c.synonyms) {
                    entries.add(new Entry(List.of(s.split(" ")), new ColumnT(c), SYNONYM, "column synonym"));
                }
                for (String v : c.values) {
                    List<String> phrase = Text.norm(v);
                    if (!phrase.isEmpty()) {
                        entries.add(new Entry(phrase, new ValueT(c, v), VALUE, "entity value"));
                    }
                }
            }
        }
    }

    private void buildJoinSpecs(SpaceConfig space) {
        // Aliases declared by join specs are valid qualifiers in snippets and instructions too.
        for (SpaceConfig.JoinSpec j : space.instructions().joinSpecs()) {
            table(j.left().identifier()).ifPresent(t -> qualifiers.putIfAbsent(j.left().alias().toLowerCase(Locale.ROOT), t));
            table(j.right().identifier()).ifPresent(t -> qualifiers.putIfAbsent(j.right().alias().toLowerCase(Locale.ROOT), t));
        }
        for (SpaceConfig.JoinSpec j : space.instructions().joinSpecs()) {
            Optional<Tbl> l = table(j.left().identifier());
            Optional<Tbl> r = table(j.right().identifier());
            if (l.isEmpty() || r.isEmpty() || l.get() == r.get()) {
                notes.add("join spec " + j.id() + " does not connect two tables of the space; ignored");
                continue;
            }
            StringBuilder cond = new StringBuilder();
            for (String part : j.sql()) {
                if (!part.trim().startsWith("--rt=")) {
                    cond.append(part);
                }
            }
            Map<String, Tbl> local = new LinkedHashMap<>(qualifiers);
            local.put(j.left().alias().toLowerCase(Locale.ROOT), l.get()); // the spec's own aliases win inside it
            local.put(j.right().alias().toLowerCase(Locale.ROOT), r.get());
            Fragment f = fragment(cond.toString().trim(), local);
            if (f.sql().isBlank()) {
                continue;
            }
            joinSpecs.add(new JoinSpecK(j.id(), l.get(), r.get(), f.sql()));
        }
    }

    private void buildSnippets(SpaceConfig space) {
        var sn = space.instructions().sqlSnippets();
        for (SpaceConfig.Snippet s : sn.filters()) {
            Fragment f = fragment(SpaceConfig.text(s.sql()), qualifiers);
            String name = s.displayName().or(s::alias).orElse("filter");
            addNames(s, new FilterT(name, f), "filter snippet");
        }
        for (SpaceConfig.Snippet s : sn.measures()) {
            Fragment f = fragment(SpaceConfig.text(s.sql()), qualifiers);
            addNames(s, new MeasureT(aliasOf(s), f), "measure snippet");
        }
        for (SpaceConfig.Snippet s : sn.expressions()) {
            Fragment f = fragment(SpaceConfig.text(s.sql()), qualifiers);
            addNames(s, new ExpressionT(aliasOf(s), f), "expression snippet");
        }
    }

    private static String aliasOf(SpaceConfig.Snippet s) {
        String a = s.alias().or(s::displayName).orElse("value");
        String clean = a.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
        return clean.isEmpty() || Character.isDigit(clean.charAt(0)) ? "v_" + clean : clean;
    }

    private void addNames(SpaceConfig.Snippet s, Target target, String source) {
        Set<String> names = new LinkedHashSet<>();
        s.displayName().ifPresent(n -> names.add(Text.key(n)));
        s.alias().ifPresent(a -> names.add(Text.key(a.replace('_', ' '))));
        s.synonyms().forEach(x -> names.add(Text.key(x)));
        for (String n : names) {
            if (!n.isBlank()) {
                entries.add(new Entry(List.of(n.split(" ")), target, SYNONYM, source));
            }
        }
    }

    // ------------------------------------------------------------------------------ instructions

    /** {@code "term" means <sql>} (also: is defined as, refers to). */
    static final Pattern DEFINITION = Pattern.compile(
            "^[\"'“‘](.+?)[\"'”’]\\s+(?:means|is defined as|refers to|stands for)\\s+(.+?)\\s*\\.?$", Pattern.CASE_INSENSITIVE);
    /** {@code Always apply <condition>.} (also: By default, apply / Unless asked otherwise, apply). */
    static final Pattern DEFAULT_FILTER = Pattern.compile(
            "^(?:always|by default,?|unless (?:asked|told|stated) otherwise,?)\\s+(?:apply|filter on|filter by|filter with|require)\\s+(.+?)\\s*\\.?$",
            Pattern.CASE_INSENSITIVE);
    /** {@code Use <table.column> as the default date.} (optionally "... for <table>"). */
    static final Pattern DEFAULT_DATE = Pattern.compile(
            "^use\\s+(\\S+)\\s+as\\s+the\\s+default\\s+date(?:\\s+column)?(?:\\s+(?:for|of)\\s+\\S+)?\\s*\\.?$", Pattern.CASE_INSENSITIVE);
    /** {@code Use <table.column> as the date for "term".} or {@code For "term", use <table.column> as the date.} */
    static final Pattern TERM_DATE = Pattern.compile(
            "^(?:use\\s+(\\S+)\\s+as\\s+the\\s+date(?:\\s+column)?\\s+(?:for|of)\\s+[\"'“‘](.+?)[\"'”’]"
                    + "|for\\s+[\"'“‘](.+?)[\"'”’],?\\s+use\\s+(\\S+)\\s+as\\s+the\\s+date(?:\\s+column)?)\\s*\\.?$",
            Pattern.CASE_INSENSITIVE);
    /** {@code For "term", always apply <condition>.} (also: only count / only include / filter on / require). */
    static final Pattern TERM_FILTER = Pattern.compile(
            "^for\\s+[\"'“‘](.+?)[\"'”’],?\\s+(?:always\\s+)?(?:apply|filter on|filter by|require|only (?:count|include|use) rows where|only (?:count|include) rows with)\\s+(.+?)\\s*\\.?$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AGGREGATE = Pattern.compile("\\b(SUM|COUNT|AVG|MIN|MAX)\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONDITION = Pattern.compile("(<=|>=|<>|!=|=|<|>|\\bIN\\s*\\(|\\bLIKE\\b|\\bILIKE\\b|\\bBETWEEN\\b|\\bIS\\s+(NOT\\s+)?NULL\\b)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COLUMN_REF = Pattern.compile("^`?[A-Za-z_][\\w]*`?(\\.`?[A-Za-z_][\\w]*`?)+$");

    private void buildInstructions(SpaceConfig space) {
        for (SpaceConfig.TextInstruction ti : space.instructions().textInstructions()) {
            for (String sentence : sentences(SpaceConfig.text(ti.content()))) {
                Matcher m;
                if ((m = TERM_DATE.matcher(sentence)).matches()) {
                    String column = m.group(1) != null ? m.group(1) : m.group(4);
                    String term = m.group(1) != null ? m.group(2) : m.group(3);
                    resolveColumn(column.replaceAll("[.,;]+$", "")).filter(c -> c.kind == Kind.DATE)
                            .ifPresent(c -> termDates.put(Text.key(term), c));
                } else if ((m = TERM_FILTER.matcher(sentence)).matches()) {
                    Fragment f = fragment(m.group(2), qualifiers);
                    if (CONDITION.matcher(m.group(2)).find() && !f.tables().isEmpty()) {
                        termFilters.computeIfAbsent(Text.key(m.group(1)), x -> new ArrayList<>()).add(f);
                    }
                } else if ((m = DEFINITION.matcher(sentence)).matches()) {
                    define(m.group(1), m.group(2).trim());
                } else if ((m = DEFAULT_FILTER.matcher(sentence)).matches()) {
                    Fragment f = fragment(m.group(1), qualifiers);
                    if (CONDITION.matcher(m.group(1)).find() && !f.tables().isEmpty()) {
                        defaultFilters.add(new DefaultFilter(f, columnsIn(m.group(1))));
                    }
                } else if ((m = DEFAULT_DATE.matcher(sentence)).matches()) {
                    resolveColumn(m.group(1)).filter(c -> c.kind == Kind.DATE).ifPresent(c -> defaultDates.put(c.table, c));
                }
            }
        }
    }

    /** A dated term nothing else defines still names its date (and so its table): "signed up" -> customers.join_date. */
    private void buildTermDates() {
        termDates.forEach((term, col) -> {
            List<String> phrase = List.of(term.split(" "));
            if (entries.stream().noneMatch(e -> e.phrase().equals(phrase))) {
                entries.add(new Entry(phrase, new DatedT(col), SYNONYM, "instruction (date of a term)"));
            }
        });
    }

    private void define(String term, String rhs) {
        List<String> phrase = Text.norm(term);
        if (phrase.isEmpty()) {
            return;
        }
        if (COLUMN_REF.matcher(rhs).matches()) {
            resolveColumn(rhs).ifPresent(c -> entries.add(new Entry(phrase, new ColumnT(c), SYNONYM, "instruction")));
        } else if (AGGREGATE.matcher(rhs).find()) {
            entries.add(new Entry(phrase, new MeasureT(String.join("_", phrase), fragment(rhs, qualifiers)), SYNONYM, "instruction"));
        } else if (CONDITION.matcher(rhs).find()) {
            entries.add(new Entry(phrase, new FilterT(String.join(" ", phrase), fragment(rhs, qualifiers)), SYNONYM, "instruction"));
        }
    }

    /** Splits instruction text into sentences: at line breaks and at a period followed by white space. */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\\R")) {
            for (String s : line.split("(?<=\\.)\\s+")) {
                String t = s.trim().replaceAll("^[-*•]\\s*", "");
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private Optional<Col> resolveColumn(String ref) {
        String[] parts = ref.replace("`", "").toLowerCase(Locale.ROOT).split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        String qualifier = String.join(".", java.util.Arrays.copyOf(parts, parts.length - 1));
        Tbl t = qualifiers.get(qualifier);
        return t == null ? Optional.empty() : t.column(parts[parts.length - 1]);
    }

    private Set<Col> columnsIn(String sql) {
        Set<Col> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("`?([A-Za-z_]\\w*)`?\\s*\\.\\s*`?([A-Za-z_]\\w*)`?").matcher(sql);
        while (m.find()) {
            resolveColumn(m.group(1) + "." + m.group(2)).ifPresent(out::add);
        }
        return out;
    }

    // ------------------------------------------------------------------------------ examples

    private void buildExamples(SpaceConfig space) {
        for (SpaceConfig.ExampleQuestionSql e : space.instructions().exampleQuestionSqls()) {
            String q = SpaceConfig.text(e.question());
            String sql = SpaceConfig.text(e.sql()).trim();
            if (q.isBlank() || sql.isBlank()) {
                continue;
            }
            examples.add(new Example(e.id(), q, signature(q), literals(q), sql));
        }
    }

    /** The content words of a question, literals replaced by their kind: the basis of example similarity. */
    static List<String> signature(String question) {
        List<String> out = new ArrayList<>();
        for (String w : Text.norm(question)) {
            String kind = literalKind(w);
            if (kind != null) {
                out.add("<" + kind + ">");
            } else if (!Text.isStop(w)) {
                out.add(w);
            }
        }
        return out;
    }

    static List<Literal> literals(String question) {
        List<Literal> out = new ArrayList<>();
        for (String w : Text.words(question)) {
            String kind = literalKind(w);
            if (kind != null) {
                out.add(new Literal(kind, w));
            }
        }
        return out;
    }

    static String literalKind(String w) {
        if (Text.isIsoDate(w)) {
            return "date";
        }
        if (Text.isYear(w)) {
            return "year";
        }
        if (Text.isNumber(w)) {
            return "number";
        }
        if (Text.quarter(w) > 0) {
            return "quarter";
        }
        if (Text.MONTHS.contains(w)) {
            return "month";
        }
        return null;
    }

    // ------------------------------------------------------------------------------ SQL fragments

    Optional<Tbl> table(String identifier) {
        return tables.stream().filter(t -> t.identifier.equalsIgnoreCase(identifier)).findFirst();
    }

    /**
     * Rewrites table qualifiers in a configured SQL fragment ({@code orders.status}, {@code `o`.`status`},
     * {@code main.retail.orders.status}) to the Genie's aliases and records which tables it needs.
     */
    Fragment fragment(String sql, Map<String, Tbl> names) {
        List<Token> tokens;
        try {
            tokens = SqlLexer.tokenize(sql);
        } catch (SqlLexer.LexException e) {
            return new Fragment(sql, Set.of());
        }
        StringBuilder out = new StringBuilder();
        Set<Tbl> used = new LinkedHashSet<>();
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.isIdentifier() && (out.length() == 0 || !out.toString().endsWith("."))) {
                List<String> parts = new ArrayList<>();
                parts.add(t.value().toLowerCase(Locale.ROOT));
                int k = i + 1;
                List<Token> last = new ArrayList<>(List.of(t));
                while (k + 1 < tokens.size() && tokens.get(k).isSymbol(".") && tokens.get(k + 1).isIdentifier()) {
                    parts.add(tokens.get(k + 1).value().toLowerCase(Locale.ROOT));
                    last = List.of(tokens.get(k + 1));
                    k += 2;
                }
                if (parts.size() >= 2) {
                    String qualifier = String.join(".", parts.subList(0, parts.size() - 1));
                    Tbl tbl = names.get(qualifier);
                    if (tbl != null) {
                        used.add(tbl);
                        Token column = last.get(0);
                        boolean plain = column.value().matches("[A-Za-z_][A-Za-z0-9_]*");
                        out.append(tbl.alias).append('.').append(plain ? column.value() : column.text());
                        i = k;
                        continue;
                    }
                }
                for (int x = i; x < k; x++) {
                    out.append(tokens.get(x).text());
                }
                i = k;
                continue;
            }
            out.append(t.kind() == SqlLexer.Kind.COMMENT ? "" : t.text());
            i++;
        }
        return new Fragment(out.toString().trim(), used);
    }
}
