package io.genieenhancer.fix;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * One change to a Genie space, as an analyser proposes it. Fixes are plain data: {@link FixEngine} dedupes,
 * validates and applies them. In JSON a fix is one flat object with a snake_case {@code type}, its own fields
 * and the {@link FixMeta} fields ({@code question_ids, reasoning, confidence, source}); see docs/fixes.md.
 *
 * <p>Targets name tables by full identifier ({@code main.sales.orders}) or by last part when that is
 * unambiguous in the space; the engine rewrites them to the space's identifier before deduping. Missing
 * strings read as empty (validation then says what is missing), so a fix never holds a null.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Fix.AddSynonym.class, name = Fix.AddSynonym.TYPE),
        @JsonSubTypes.Type(value = Fix.RemoveSynonym.class, name = Fix.RemoveSynonym.TYPE),
        @JsonSubTypes.Type(value = Fix.SetColumnDescription.class, name = Fix.SetColumnDescription.TYPE),
        @JsonSubTypes.Type(value = Fix.ExtendColumnDescription.class, name = Fix.ExtendColumnDescription.TYPE),
        @JsonSubTypes.Type(value = Fix.SetTableDescription.class, name = Fix.SetTableDescription.TYPE),
        @JsonSubTypes.Type(value = Fix.AddJoinSpec.class, name = Fix.AddJoinSpec.TYPE),
        @JsonSubTypes.Type(value = Fix.RemoveJoinSpec.class, name = Fix.RemoveJoinSpec.TYPE),
        @JsonSubTypes.Type(value = Fix.AddExampleSql.class, name = Fix.AddExampleSql.TYPE),
        @JsonSubTypes.Type(value = Fix.SetTextInstruction.class, name = Fix.SetTextInstruction.TYPE),
        @JsonSubTypes.Type(value = Fix.AppendTextInstruction.class, name = Fix.AppendTextInstruction.TYPE),
        @JsonSubTypes.Type(value = Fix.AddSqlSnippet.class, name = Fix.AddSqlSnippet.TYPE),
        @JsonSubTypes.Type(value = Fix.RemoveInstruction.class, name = Fix.RemoveInstruction.TYPE),
        @JsonSubTypes.Type(value = Fix.EnableEntityMatching.class, name = Fix.EnableEntityMatching.TYPE),
        @JsonSubTypes.Type(value = Fix.EnableFormatAssistance.class, name = Fix.EnableFormatAssistance.TYPE)
})
public sealed interface Fix {

    /**
     * The snake_case type name, as in JSON and in the fix log's {@code by_type} counts: the record's name in snake
     * case ({@code AddSynonym} is {@code add_synonym}), which is each record's {@code TYPE} (the name
     * {@link JsonSubTypes} needs as a constant; {@code FixTypesTest} holds the two equal).
     */
    default String type() {
        return TYPE_NAMES.get(getClass());
    }

    /** Computed once per fix class. */
    ClassValue<String> TYPE_NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        }
    };

    FixMeta meta();

    Fix withMeta(FixMeta meta);

    /** What the fix changes, for people: {@code main.sales.orders.amount}, {@code text_instruction}, ... */
    String target();

    /** The new value, for people (the synonym, the description, the SQL ...). */
    String value();

    /**
     * Stable canonical key: type + normalised target + normalised value. Two proposals with the same key
     * are the same fix (case, whitespace and plural variants, joins written in the other direction ...).
     */
    default String key() {
        return FixKeys.key(this);
    }

    <R> R accept(Visitor<R> visitor);

    /**
     * Exhaustive dispatch over the fix types (Java 17 has no pattern switch yet), for the rules every type must
     * answer: how it is applied ({@link Applier}) and how it is validated ({@link FixValidator}). A new fix type adds
     * a method here, and the compiler then names those two places.
     */
    interface Visitor<R> {
        R addSynonym(AddSynonym fix);

        R removeSynonym(RemoveSynonym fix);

        R setColumnDescription(SetColumnDescription fix);

        R extendColumnDescription(ExtendColumnDescription fix);

        R setTableDescription(SetTableDescription fix);

        R addJoinSpec(AddJoinSpec fix);

        R removeJoinSpec(RemoveJoinSpec fix);

        R addExampleSql(AddExampleSql fix);

        R setTextInstruction(SetTextInstruction fix);

        R appendTextInstruction(AppendTextInstruction fix);

        R addSqlSnippet(AddSqlSnippet fix);

        R removeInstruction(RemoveInstruction fix);

        R enableEntityMatching(EnableEntityMatching fix);

        R enableFormatAssistance(EnableFormatAssistance fix);
    }

    /**
     * Dispatch for a rule that concerns only some fix types (keys, conflicts, name resolution, budgets): it overrides
     * those, and every other type, including one added later, gets {@link #otherwise}.
     */
    interface PartialVisitor<R> extends Visitor<R> {
        /** The answer for a fix type this rule does not single out. */
        R otherwise(Fix fix);

        @Override
        default R addSynonym(AddSynonym fix) {
            return otherwise(fix);
        }

        @Override
        default R removeSynonym(RemoveSynonym fix) {
            return otherwise(fix);
        }

        @Override
        default R setColumnDescription(SetColumnDescription fix) {
            return otherwise(fix);
        }

        @Override
        default R extendColumnDescription(ExtendColumnDescription fix) {
            return otherwise(fix);
        }

        @Override
        default R setTableDescription(SetTableDescription fix) {
            return otherwise(fix);
        }

        @Override
        default R addJoinSpec(AddJoinSpec fix) {
            return otherwise(fix);
        }

        @Override
        default R removeJoinSpec(RemoveJoinSpec fix) {
            return otherwise(fix);
        }

        @Override
        default R addExampleSql(AddExampleSql fix) {
            return otherwise(fix);
        }

        @Override
        default R setTextInstruction(SetTextInstruction fix) {
            return otherwise(fix);
        }

        @Override
        default R appendTextInstruction(AppendTextInstruction fix) {
            return otherwise(fix);
        }

        @Override
        default R addSqlSnippet(AddSqlSnippet fix) {
            return otherwise(fix);
        }

        @Override
        default R removeInstruction(RemoveInstruction fix) {
            return otherwise(fix);
        }

        @Override
        default R enableEntityMatching(EnableEntityMatching fix) {
            return otherwise(fix);
        }

        @Override
        default R enableFormatAssistance(EnableFormatAssistance fix) {
            return otherwise(fix);
        }
    }

    /** A fix of one column: its target is {@code table.column}. */
    sealed interface ColumnFix extends Fix permits AddSynonym, RemoveSynonym, SetColumnDescription,
            ExtendColumnDescription, EnableEntityMatching, EnableFormatAssistance {
        String table();

        String column();

        @Override
        default String target() {
            return table() + "." + column();
        }
    }

    /** A fix of the space's single text instruction: its value is the text. */
    sealed interface TextInstructionFix extends Fix permits SetTextInstruction, AppendTextInstruction {
        String text();

        @Override
        default String target() {
            return "text_instruction";
        }

        @Override
        default String value() {
            return text();
        }
    }

    /** Adds a synonym to a column (a no-op when a case/plural variant is already there). */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AddSynonym(
            String table,
            String column,
            String synonym,
            @JsonUnwrapped FixMeta meta) implements ColumnFix {
        public static final String TYPE = "add_synonym";

        public AddSynonym {
            table = FixMeta.orEmpty(table);
            column = FixMeta.orEmpty(column);
            synonym = FixMeta.orEmpty(synonym);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public AddSynonym withMeta(FixMeta m) {
            return new AddSynonym(table, column, synonym, m);
        }

        @Override
        public String value() {
            return synonym;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.addSynonym(this);
        }
    }

    /** Removes a synonym (and its case/plural variants) from a column. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RemoveSynonym(
            String table,
            String column,
            String synonym,
            @JsonUnwrapped FixMeta meta) implements ColumnFix {
        public static final String TYPE = "remove_synonym";

        public RemoveSynonym {
            table = FixMeta.orEmpty(table);
            column = FixMeta.orEmpty(column);
            synonym = FixMeta.orEmpty(synonym);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public RemoveSynonym withMeta(FixMeta m) {
            return new RemoveSynonym(table, column, synonym, m);
        }

        @Override
        public String value() {
            return synonym;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.removeSynonym(this);
        }
    }

    /** Replaces a column's description. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetColumnDescription(
            String table,
            String column,
            String description,
            @JsonUnwrapped FixMeta meta) implements ColumnFix {
        public static final String TYPE = "set_column_description";

        public SetColumnDescription {
            table = FixMeta.orEmpty(table);
            column = FixMeta.orEmpty(column);
            description = FixMeta.orEmpty(description);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public SetColumnDescription withMeta(FixMeta m) {
            return new SetColumnDescription(table, column, description, m);
        }

        @Override
        public String value() {
            return description;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.setColumnDescription(this);
        }
    }

    /** Appends a sentence to a column's description (a no-op when the text is already there). */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ExtendColumnDescription(
            String table,
            String column,
            String description,
            @JsonUnwrapped FixMeta meta) implements ColumnFix {
        public static final String TYPE = "extend_column_description";

        public ExtendColumnDescription {
            table = FixMeta.orEmpty(table);
            column = FixMeta.orEmpty(column);
            description = FixMeta.orEmpty(description);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public ExtendColumnDescription withMeta(FixMeta m) {
            return new ExtendColumnDescription(table, column, description, m);
        }

        @Override
        public String value() {
            return description;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.extendColumnDescription(this);
        }
    }

    /** Replaces a table's (or metric view's) description. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetTableDescription(
            String table,
            String description,
            @JsonUnwrapped FixMeta meta) implements Fix {
        public static final String TYPE = "set_table_description";

        public SetTableDescription {
            table = FixMeta.orEmpty(table);
            description = FixMeta.orEmpty(description);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public SetTableDescription withMeta(FixMeta m) {
            return new SetTableDescription(table, description, m);
        }

        @Override
        public String target() {
            return table;
        }

        @Override
        public String value() {
            return description;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.setTableDescription(this);
        }
    }

    /** Declares how two tables join. {@code condition} is an equality (or AND of equalities) between columns of the two sides, qualified by alias or table name; it is rewritten into the server's form: {@code `left_alias`.`col` = `right_alias`.`col`} then the relationship annotation. Aliases default to the tables' last name part. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AddJoinSpec(
            String leftTable,
            String leftAlias,
            String rightTable,
            String rightAlias,
            String condition,
            Relationship relationship,
            String comment,
            String instruction,
            @JsonUnwrapped FixMeta meta) implements Fix {
        public static final String TYPE = "add_join_spec";

        public AddJoinSpec {
            leftTable = FixMeta.orEmpty(leftTable);
            leftAlias = FixMeta.orEmpty(leftAlias);
            rightTable = FixMeta.orEmpty(rightTable);
            rightAlias = FixMeta.orEmpty(rightAlias);
            condition = FixMeta.orEmpty(condition);
            if (relationship == null) {
                throw new IllegalArgumentException("relationship is required (many_to_one, one_to_many, one_to_one, many_to_many)");
            }
            comment = FixMeta.orEmpty(comment);
            instruction = FixMeta.orEmpty(instruction);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public AddJoinSpec withMeta(FixMeta m) {
            return new AddJoinSpec(leftTable, leftAlias, rightTable, rightAlias, condition, relationship, comment, instruction, m);
        }

        @Override
        public String target() {
            return leftTable + " -> " + rightTable;
        }

        @Override
        public String value() {
            return condition + " (" + relationship.json() + ")";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.addJoinSpec(this);
        }
    }

    /** Removes the join specs between two tables (either direction); with a condition, only the equivalent ones. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RemoveJoinSpec(
            String leftTable,
            String rightTable,
            String condition,
            @JsonUnwrapped FixMeta meta) implements Fix {
        public static final String TYPE = "remove_join_spec";

        public RemoveJoinSpec {
            leftTable = FixMeta.orEmpty(leftTable);
            rightTable = FixMeta.orEmpty(rightTable);
            condition = FixMeta.orEmpty(condition);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public RemoveJoinSpec withMeta(FixMeta m) {
            return new RemoveJoinSpec(leftTable, rightTable, condition, m);
        }

        @Override
        public String target() {
            return leftTable + " -> " + rightTable;
        }

        @Override
        public String value() {
            return condition;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.removeJoinSpec(this);
        }
    }

    /** Adds an example question with its SQL; when the space already has an example for the same question, its SQL is replaced (upsert by question). */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AddExampleSql(
            String question,
            String sql,
            String usageGuidance,
            @JsonUnwrapped FixMeta meta) implements Fix {
        public static final String TYPE = "add_example_sql";

        public AddExampleSql {
            question = FixMeta.orEmpty(question);
            sql = FixMeta.orEmpty(sql);
            usageGuidance = FixMeta.orEmpty(usageGuidance);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public AddExampleSql withMeta(FixMeta m) {
            return new AddExampleSql(question, sql, usageGuidance, m);
        }

        @Override
        public String target() {
            return question;
        }

        @Override
        public String value() {
            return sql;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.addExampleSql(this);
        }
    }

    /** Replaces the content of the space's single text instruction (creates it when absent). */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record SetTextInstruction(
            String text,
            @JsonUnwrapped FixMeta meta) implements TextInstructionFix {
        public static final String TYPE = "set_text_instruction";

        public SetTextInstruction {
            text = FixMeta.orEmpty(text);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public SetTextInstruction withMeta(FixMeta m) {
            return new SetTextInstruction(text, m);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.setTextInstruction(this);
        }
    }

    /** Appends a paragraph to the single text instruction (a no-op when the text is already there). */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AppendTextInstruction(
            String text,
            @JsonUnwrapped FixMeta meta) implements TextInstructionFix {
        public static final String TYPE = "append_text_instruction";

        public AppendTextInstruction {
            text = FixMeta.orEmpty(text);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public AppendTextInstruction withMeta(FixMeta m) {
            return new AppendTextInstruction(text, m);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.appendTextInstruction(this);
        }
    }

    /** Adds a SQL snippet: a filter (boolean condition, no WHERE), a measure or an expression, with table-qualified columns. Upsert by display name within its kind; a snippet with the same SQL gains the synonyms. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record AddSqlSnippet(
            SnippetKind kind,
            String displayName,
            String alias,
            String sql,
            List<String> synonyms,
            String instruction,
            @JsonUnwrapped FixMeta meta) implements Fix {
        public static final String TYPE = "add_sql_snippet";

        public AddSqlSnippet {
            if (kind == null) {
                throw new IllegalArgumentException("kind is required (filter, measure or expression)");
            }
            displayName = FixMeta.orEmpty(displayName);
            alias = FixMeta.orEmpty(alias);
            sql = FixMeta.orEmpty(sql);
            synonyms = FixMeta.clean(synonyms);
            instruction = FixMeta.orEmpty(instruction);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public AddSqlSnippet withMeta(FixMeta m) {
            return new AddSqlSnippet(kind, displayName, alias, sql, synonyms, instruction, m);
        }

        @Override
        public String target() {
            return kind.json() + " " + displayName;
        }

        @Override
        public String value() {
            return sql;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.addSqlSnippet(this);
        }
    }

    /** Removes any instruction by id: text instruction, example SQL, SQL function, join spec or snippet. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RemoveInstruction(
            String id,
            @JsonUnwrapped FixMeta meta) implements Fix {
        public static final String TYPE = "remove_instruction";

        public RemoveInstruction {
            id = FixMeta.orEmpty(id);
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public RemoveInstruction withMeta(FixMeta m) {
            return new RemoveInstruction(id, m);
        }

        @Override
        public String target() {
            return id;
        }

        @Override
        public String value() {
            return "";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.removeInstruction(this);
        }
    }

    /** Turns entity matching of a column on (which also turns format assistance on, as the server requires) or off. */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EnableEntityMatching(
            String table,
            String column,
            Boolean enabled,
            @JsonUnwrapped FixMeta meta) implements ColumnFix {
        public static final String TYPE = "enable_entity_matching";

        public EnableEntityMatching {
            table = FixMeta.orEmpty(table);
            column = FixMeta.orEmpty(column);
            enabled = enabled == null ? Boolean.TRUE : enabled;
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public EnableEntityMatching withMeta(FixMeta m) {
            return new EnableEntityMatching(table, column, enabled, m);
        }

        @Override
        public String value() {
            return String.valueOf(enabled);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.enableEntityMatching(this);
        }
    }

    /** Turns format assistance of a column on or off (off also turns entity matching off, which needs it). */
    @RegisterForReflection
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record EnableFormatAssistance(
            String table,
            String column,
            Boolean enabled,
            @JsonUnwrapped FixMeta meta) implements ColumnFix {
        public static final String TYPE = "enable_format_assistance";

        public EnableFormatAssistance {
            table = FixMeta.orEmpty(table);
            column = FixMeta.orEmpty(column);
            enabled = enabled == null ? Boolean.TRUE : enabled;
            meta = meta == null ? FixMeta.none() : meta;
        }

        @Override
        public EnableFormatAssistance withMeta(FixMeta m) {
            return new EnableFormatAssistance(table, column, enabled, m);
        }

        @Override
        public String value() {
            return String.valueOf(enabled);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.enableFormatAssistance(this);
        }
    }
}
