package io.genieenhancer.fix;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Why a fix is not applied: the rule that fired (see the rule table in docs/fixes.md) and a sentence for
 * people. Rule names are stable: tests and the fix log refer to them.
 */
@RegisterForReflection
public record Problem(String rule, String message) {

    // target checks
    public static final String TABLE_EXISTS = "table-exists";
    public static final String COLUMN_EXISTS = "column-exists";
    public static final String INSTRUCTION_EXISTS = "instruction-exists";
    public static final String ID_FORMAT = "id-format";
    // values
    public static final String NON_EMPTY = "non-empty";
    public static final String MAX_LENGTH = "max-length";
    public static final String CONTROL_CHARACTERS = "control-characters";
    public static final String PROMPT_INJECTION = "prompt-injection";
    public static final String SYNONYM_UNIQUE = "synonym-unique";
    public static final String SNIPPET_ALIAS = "snippet-alias";
    // SQL
    public static final String SQL_PARSES = "sql-parses";
    public static final String SQL_KIND = "sql-kind";
    public static final String SQL_TABLES_IN_SPACE = "sql-tables-in-space";
    public static final String SQL_COLUMNS_EXIST = "sql-columns-exist";
    public static final String SQL_QUALIFIED_COLUMNS = "sql-qualified-columns";
    public static final String SQL_FUNCTIONS = "sql-functions";
    public static final String JOIN_FORM = "join-form";
    // safety and batch
    public static final String LEAKAGE = "leakage";
    public static final String CONFLICT = "conflict";
    public static final String MIN_CONFIDENCE = "min-confidence";
    public static final String INSTRUCTION_SLOT_BUDGET = "instruction-slot-budget";
    public static final String SNIPPET_BUDGET = "snippet-budget";
    public static final String ENTITY_MATCHING_BUDGET = "entity-matching-budget";

    @Override
    public String toString() {
        return "[" + rule + "] " + message;
    }
}
