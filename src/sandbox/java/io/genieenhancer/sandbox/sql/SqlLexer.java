package io.genieenhancer.sandbox.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A small tokenizer for Databricks SQL text: enough to rewrite identifiers and function calls without
 * ever touching the inside of a string literal or a comment, and to split scripts into statements.
 */
public final class SqlLexer {

    public enum Kind { WORD, BACKTICK_IDENT, STRING, NUMBER, SYMBOL, SPACE, COMMENT }

    /** {@code text} is the token exactly as written; {@code value} is its content (unquoted for strings/idents). */
    public record Token(Kind kind, String text, String value) {
        public boolean isWord(String w) {
            return kind == Kind.WORD && text.equalsIgnoreCase(w);
        }

        public boolean isSymbol(String s) {
            return kind == Kind.SYMBOL && text.equals(s);
        }

        public boolean isIdentifier() {
            return kind == Kind.WORD || kind == Kind.BACKTICK_IDENT;
        }

        public boolean isBlank() {
            return kind == Kind.SPACE || kind == Kind.COMMENT;
        }
    }

    /** Unterminated quote or comment: the message says where. */
    public static final class LexException extends RuntimeException {
        LexException(String message) {
            super(message);
        }
    }

    private SqlLexer() {
    }

    public static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            int start = i;
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.SPACE, sql.substring(start, i), " "));
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                out.add(new Token(Kind.COMMENT, sql.substring(start, i), ""));
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new LexException("unterminated /* comment starting at offset " + start);
                }
                i = end + 2;
                out.add(new Token(Kind.COMMENT, sql.substring(start, i), ""));
            } else if (c == '\'' || c == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '\\' && i + 1 < n) { // Databricks strings use backslash escapes
                        value.append(sql.charAt(i + 1));
                        i += 2;
                    } else if (d == c && i + 1 < n && sql.charAt(i + 1) == c) { // doubled quote
                        value.append(c);
                        i += 2;
                    } else if (d == c) {
                        i++;
                        closed = true;
                        break;
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new LexException("unterminated string literal starting at offset " + start);
                }
                out.add(new Token(Kind.STRING, sql.substring(start, i), value.toString()));
            } else if (c == '`') {
                StringBuilder value = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = sql.charAt(i);
                    if (d == '`' && i + 1 < n && sql.charAt(i + 1) == '`') {
                        value.append('`');
                        i += 2;
                    } else if (d == '`') {
                        i++;
                        closed = true;
                        break;
                    } else {
                        value.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new LexException("unterminated `identifier` starting at offset " + start);
                }
                out.add(new Token(Kind.BACKTICK_IDENT, sql.substring(start, i), value.toString()));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
                    && !previousIsIdentifierOrDot(out))) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(start, i), sql.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.WORD, sql.substring(start, i), sql.substring(start, i)));
            } else {
                String two = i + 1 < n ? sql.substring(i, i + 2) : "";
                if (List.of("<=", ">=", "<>", "!=", "||", "::", "==").contains(two)) {
                    i += 2;
                } else {
                    i++;
                }
                out.add(new Token(Kind.SYMBOL, sql.substring(start, i), sql.substring(start, i)));
            }
        }
        return out;
    }

    private static boolean previousIsIdentifierOrDot(List<Token> out) {
        for (int k = out.size() - 1; k >= 0; k--) {
            Token t = out.get(k);
            if (t.isBlank()) {
                return false;
            }
            return t.isIdentifier();
        }
        return false;
    }

    /** Concatenates tokens back to text. */
    public static String join(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        tokens.forEach(t -> sb.append(t.text()));
        return sb.toString();
    }

    /**
     * Splits a script into statements at top-level semicolons. Each entry carries the 1-based line on
     * which the statement starts, so a load error can name it.
     */
    public static List<Numbered> splitStatements(String script) {
        List<Numbered> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int line = 1;
        int startLine = -1;
        for (Token t : tokenize(script)) {
            if (t.isSymbol(";")) {
                if (startLine > 0 && !current.toString().isBlank()) {
                    out.add(new Numbered(startLine, current.toString().trim()));
                }
                current.setLength(0);
                startLine = -1;
            } else {
                if (startLine < 0 && !t.isBlank()) {
                    startLine = line;
                }
                if (startLine > 0 || !t.isBlank()) {
                    current.append(t.kind() == Kind.COMMENT ? "" : t.text());
                }
            }
            line += (int) t.text().chars().filter(ch -> ch == '\n').count();
        }
        if (startLine > 0 && !current.toString().isBlank()) {
            out.add(new Numbered(startLine, current.toString().trim()));
        }
        return out;
    }

    public record Numbered(int line, String sql) {
    }
}
