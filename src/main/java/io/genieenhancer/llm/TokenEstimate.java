package io.genieenhancer.llm;

/**
 * Prompt size before sending, without a tokenizer: about four characters per token for English text and SQL
 * (OpenAI's and Databricks' rule of thumb). Identifiers and JSON punctuation tokenise a little worse, so budgets
 * should keep a margin; the real counts come back in {@code usage} and are what the cycle reports.
 */
public final class TokenEstimate {

    public static final int CHARS_PER_TOKEN = 4;

    private TokenEstimate() {
    }

    public static int ofChars(int chars) {
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    public static int of(CharSequence text) {
        return ofChars(text.length());
    }
}
