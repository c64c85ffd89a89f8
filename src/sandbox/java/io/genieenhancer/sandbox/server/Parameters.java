package io.genieenhancer.sandbox.server;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.sandbox.sql.SqlLexer;
import io.genieenhancer.sandbox.sql.SqlLexer.Token;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Binds the Statement API's named parameters ({@code :name} markers, {@code parameters: [{name, value,
 * type}]}) into the SQL text as literals. Typed as Databricks does: STRING (default) quoted, numeric
 * and BOOLEAN types as is, DATE/TIMESTAMP as typed literals, a null value as NULL.
 */
final class Parameters {

    private static final Set<String> NUMERIC = Set.of("INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "DOUBLE", "FLOAT", "DECIMAL", "BOOLEAN");

    private Parameters() {
    }

    static String bind(String sql, JsonNode parameters) {
        if (parameters != null && !parameters.isNull() && !parameters.isArray()) {
            throw ApiError.invalid("Field 'parameters' must be an array");
        }
        Map<String, String> literals = new HashMap<>();
        for (JsonNode p : parameters == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : parameters) {
            if (!p.isObject() || !p.path("name").isTextual()) {
                throw ApiError.invalid("Each parameter needs a string 'name'");
            }
            String type = p.path("type").asText("STRING").toUpperCase(Locale.ROOT);
            JsonNode v = p.get("value");
            String literal;
            if (v == null || v.isNull()) {
                literal = "NULL";
            } else if (NUMERIC.contains(type.replaceAll("\\(.*", ""))) {
                if (!v.asText().matches("-?[0-9.eE+-]+|true|false|TRUE|FALSE")) {
                    throw ApiError.invalid("Parameter '" + p.get("name").asText() + "' of type " + type + " has value '" + v.asText() + "'");
                }
                literal = v.asText();
            } else if (type.equals("DATE") || type.startsWith("TIMESTAMP")) {
                literal = (type.equals("DATE") ? "DATE" : "TIMESTAMP") + " '" + v.asText().replace("'", "''") + "'";
            } else {
                literal = "'" + v.asText().replace("'", "''") + "'";
            }
            literals.put(p.get("name").asText(), literal);
        }
        List<Token> tokens = SqlLexer.tokenize(sql);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol(":") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == SqlLexer.Kind.WORD) {
                String name = tokens.get(i + 1).text();
                String lit = literals.get(name);
                if (lit == null) {
                    throw ApiError.invalid("No value was given for the parameter marker :" + name);
                }
                out.append(lit);
                i++;
                continue;
            }
            out.append(t.text());
        }
        return out.toString();
    }
}
