package io.genieenhancer.space;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The content of a Genie space ({@code serialized_space}), as immutable records that mirror the wire
 * format one-to-one (names in camelCase of the snake_case JSON keys). Multi-line texts stay as the
 * server stores them: arrays of strings joined without separators. Every object keeps its
 * {@link Extras}, so fields this model does not know survive a parse/print round trip.
 */
public record SpaceConfig(
        int version,
        Config config,
        DataSources dataSources,
        Instructions instructions,
        Benchmarks benchmarks,
        Extras extras) {

    public static final int CURRENT_VERSION = 2;

    public SpaceConfig {
        config = config == null ? Config.EMPTY : config;
        dataSources = dataSources == null ? DataSources.EMPTY : dataSources;
        instructions = instructions == null ? Instructions.EMPTY : instructions;
        benchmarks = benchmarks == null ? Benchmarks.EMPTY : benchmarks;
        extras = extras == null ? Extras.none() : extras;
    }

    public static SpaceConfig empty() {
        return new SpaceConfig(CURRENT_VERSION, null, null, null, null, null);
    }

    public SpaceConfig withDataSources(DataSources d) {
        return new SpaceConfig(version, config, d, instructions, benchmarks, extras);
    }

    public SpaceConfig withInstructions(Instructions i) {
        return new SpaceConfig(version, config, dataSources, i, benchmarks, extras);
    }

    public SpaceConfig withBenchmarks(Benchmarks b) {
        return new SpaceConfig(version, config, dataSources, instructions, b, extras);
    }

    /** Tables and metric views, in that order. */
    public Stream<Table> allTables() {
        return Stream.concat(dataSources.tables().stream(), dataSources.metricViews().stream());
    }

    public Optional<Table> table(String identifier) {
        return allTables().filter(t -> t.identifier().equalsIgnoreCase(identifier)).findFirst();
    }

    /** Every id that lives in the instruction namespace (they must be unique across kinds). */
    public Stream<String> instructionIds() {
        Instructions i = instructions;
        SqlSnippets s = i.sqlSnippets();
        return Stream.of(
                        i.textInstructions().stream().map(TextInstruction::id),
                        i.exampleQuestionSqls().stream().map(ExampleQuestionSql::id),
                        i.sqlFunctions().stream().map(SqlFunction::id),
                        i.joinSpecs().stream().map(JoinSpec::id),
                        s.filters().stream().map(Snippet::id),
                        s.expressions().stream().map(Snippet::id),
                        s.measures().stream().map(Snippet::id))
                .flatMap(x -> x);
    }

    /** Every id of the space, any namespace. */
    public Stream<String> allIds() {
        return Stream.of(
                        config.sampleQuestions().stream().map(SampleQuestion::id),
                        benchmarks.questions().stream().map(BenchmarkQuestion::id),
                        instructionIds())
                .flatMap(x -> x);
    }

    /** Joins a wire text array into one string (the server concatenates without separators). */
    public static String text(List<String> parts) {
        return String.join("", parts);
    }

    public record Config(List<SampleQuestion> sampleQuestions, Extras extras) {
        static final Config EMPTY = new Config(List.of(), Extras.none());

        public Config {
            sampleQuestions = List.copyOf(sampleQuestions);
        }
    }

    public record SampleQuestion(String id, List<String> question, Extras extras) {
        public SampleQuestion {
            question = List.copyOf(question);
        }
    }

    public record DataSources(List<Table> tables, List<Table> metricViews, Extras extras) {
        static final DataSources EMPTY = new DataSources(List.of(), List.of(), Extras.none());

        public DataSources {
            tables = List.copyOf(tables);
            metricViews = List.copyOf(metricViews);
        }

        public DataSources withTables(List<Table> t) {
            return new DataSources(t, metricViews, extras);
        }

        public DataSources withMetricViews(List<Table> m) {
            return new DataSources(tables, m, extras);
        }
    }

    /** A table or a metric view (same wire shape). */
    public record Table(String identifier, List<String> description, List<ColumnConfig> columnConfigs, Extras extras) {
        public Table {
            description = List.copyOf(description);
            columnConfigs = List.copyOf(columnConfigs);
        }

        public static Table of(String identifier) {
            return new Table(identifier, List.of(), List.of(), Extras.none());
        }

        public Optional<ColumnConfig> column(String name) {
            return columnConfigs.stream().filter(c -> c.columnName().equalsIgnoreCase(name)).findFirst();
        }

        public Table withDescription(List<String> d) {
            return new Table(identifier, d, columnConfigs, extras);
        }

        public Table withColumnConfigs(List<ColumnConfig> c) {
            return new Table(identifier, description, c, extras);
        }

        /** Replaces the named column (or adds it when absent) with {@code change} applied. */
        public Table withColumn(String name, UnaryOperator<ColumnConfig> change) {
            List<ColumnConfig> out = new ArrayList<>(columnConfigs.size() + 1);
            boolean found = false;
            for (ColumnConfig c : columnConfigs) {
                if (!found && c.columnName().equalsIgnoreCase(name)) {
                    out.add(change.apply(c));
                    found = true;
                } else {
                    out.add(c);
                }
            }
            if (!found) {
                out.add(change.apply(ColumnConfig.of(name)));
            }
            return withColumnConfigs(out);
        }
    }

    public record ColumnConfig(
            String columnName,
            List<String> description,
            List<String> synonyms,
            Optional<Boolean> exclude,
            Optional<Boolean> enableFormatAssistance,
            Optional<Boolean> enableEntityMatching,
            Extras extras) {
        public ColumnConfig {
            description = List.copyOf(description);
            synonyms = List.copyOf(synonyms);
        }

        public static ColumnConfig of(String name) {
            return new ColumnConfig(name, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Extras.none());
        }

        public ColumnConfig withDescription(List<String> d) {
            return new ColumnConfig(columnName, d, synonyms, exclude, enableFormatAssistance, enableEntityMatching, extras);
        }

        public ColumnConfig withSynonyms(List<String> s) {
            return new ColumnConfig(columnName, description, s, exclude, enableFormatAssistance, enableEntityMatching, extras);
        }

        public ColumnConfig withFormatAssistance(boolean on) {
            return new ColumnConfig(columnName, description, synonyms, exclude, Optional.of(on), enableEntityMatching, extras);
        }

        public ColumnConfig withEntityMatching(boolean on) {
            return new ColumnConfig(columnName, description, synonyms, exclude, enableFormatAssistance, Optional.of(on), extras);
        }

        public boolean entityMatching() {
            return enableEntityMatching.orElse(false);
        }

        public boolean formatAssistance() {
            return enableFormatAssistance.orElse(false);
        }
    }

    public record Instructions(
            List<TextInstruction> textInstructions,
            List<ExampleQuestionSql> exampleQuestionSqls,
            List<SqlFunction> sqlFunctions,
            List<JoinSpec> joinSpecs,
            SqlSnippets sqlSnippets,
            Extras extras) {
        static final Instructions EMPTY = new Instructions(List.of(), List.of(), List.of(), List.of(), SqlSnippets.EMPTY,
                Extras.none());

        public Instructions {
            textInstructions = List.copyOf(textInstructions);
            exampleQuestionSqls = List.copyOf(exampleQuestionSqls);
            sqlFunctions = List.copyOf(sqlFunctions);
            joinSpecs = List.copyOf(joinSpecs);
            sqlSnippets = sqlSnippets == null ? SqlSnippets.EMPTY : sqlSnippets;
        }

        public Instructions withTextInstructions(List<TextInstruction> t) {
            return new Instructions(t, exampleQuestionSqls, sqlFunctions, joinSpecs, sqlSnippets, extras);
        }

        public Instructions withExampleQuestionSqls(List<ExampleQuestionSql> e) {
            return new Instructions(textInstructions, e, sqlFunctions, joinSpecs, sqlSnippets, extras);
        }

        public Instructions withJoinSpecs(List<JoinSpec> j) {
            return new Instructions(textInstructions, exampleQuestionSqls, sqlFunctions, j, sqlSnippets, extras);
        }

        public Instructions withSqlSnippets(SqlSnippets s) {
            return new Instructions(textInstructions, exampleQuestionSqls, sqlFunctions, joinSpecs, s, extras);
        }

        public Instructions withSqlFunctions(List<SqlFunction> f) {
            return new Instructions(textInstructions, exampleQuestionSqls, f, joinSpecs, sqlSnippets, extras);
        }
    }

    public record TextInstruction(String id, List<String> content, Extras extras) {
        public TextInstruction {
            content = List.copyOf(content);
        }
    }

    /** {@code parameters} stay as raw JSON objects (sorted by name on canonicalisation). */
    public record ExampleQuestionSql(
            String id,
            List<String> question,
            List<String> sql,
            List<String> usageGuidance,
            List<com.fasterxml.jackson.databind.node.ObjectNode> parameters,
            Extras extras) {
        public ExampleQuestionSql {
            question = List.copyOf(question);
            sql = List.copyOf(sql);
            usageGuidance = List.copyOf(usageGuidance);
            parameters = List.copyOf(parameters);
        }
    }

    public record SqlFunction(String id, String identifier, Extras extras) {
    }

    public record TableRef(String identifier, String alias, Extras extras) {
        public static TableRef of(String identifier, String alias) {
            return new TableRef(identifier, alias, Extras.none());
        }
    }

    /**
     * A join relationship. On the wire {@code sql} holds the backtick-quoted equality on the two aliases
     * followed by a {@code --rt=FROM_RELATIONSHIP_TYPE_...--} annotation.
     */
    public record JoinSpec(
            String id,
            TableRef left,
            TableRef right,
            List<String> sql,
            List<String> comment,
            List<String> instruction,
            Extras extras) {
        public JoinSpec {
            sql = List.copyOf(sql);
            comment = List.copyOf(comment);
            instruction = List.copyOf(instruction);
        }
    }

    public record SqlSnippets(List<Snippet> filters, List<Snippet> expressions, List<Snippet> measures, Extras extras) {
        static final SqlSnippets EMPTY = new SqlSnippets(List.of(), List.of(), List.of(), Extras.none());

        public SqlSnippets {
            filters = List.copyOf(filters);
            expressions = List.copyOf(expressions);
            measures = List.copyOf(measures);
        }

        public int size() {
            return filters.size() + expressions.size() + measures.size();
        }

        public Stream<Snippet> all() {
            return Stream.of(filters, expressions, measures).flatMap(List::stream);
        }
    }

    /** A filter, expression or measure snippet ({@code alias} is absent on filters). */
    public record Snippet(
            String id,
            Optional<String> alias,
            Optional<String> displayName,
            List<String> sql,
            List<String> synonyms,
            List<String> instruction,
            Extras extras) {
        public Snippet {
            sql = List.copyOf(sql);
            synonyms = List.copyOf(synonyms);
            instruction = List.copyOf(instruction);
        }
    }

    public record Benchmarks(List<BenchmarkQuestion> questions, Extras extras) {
        static final Benchmarks EMPTY = new Benchmarks(List.of(), Extras.none());

        public Benchmarks {
            questions = List.copyOf(questions);
        }
    }

    public record BenchmarkQuestion(String id, List<String> question, List<BenchmarkAnswer> answer, Extras extras) {
        public BenchmarkQuestion {
            question = List.copyOf(question);
            answer = List.copyOf(answer);
        }

        /** The ground-truth SQL, when the (single) answer is SQL. */
        public Optional<String> groundTruthSql() {
            return answer.stream().filter(a -> "SQL".equals(a.format())).findFirst().map(a -> text(a.content()));
        }

        public String questionText() {
            return text(question);
        }
    }

    public record BenchmarkAnswer(String format, List<String> content, Extras extras) {
        public BenchmarkAnswer {
            content = List.copyOf(content);
        }
    }
}
