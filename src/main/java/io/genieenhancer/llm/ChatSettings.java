package io.genieenhancer.llm;

import java.time.Duration;

/** The per-call knobs of {@link LlmConfig}, as a value (tests build it directly). */
public record ChatSettings(int maxTokens, double temperature, boolean structuredOutput, int maxReplyBytes,
        Duration connectTimeout, Duration readTimeout) {

    public ChatSettings {
        if (maxTokens < 1 || maxReplyBytes < 1024) {
            throw new IllegalArgumentException("enhancer.llm.max-tokens must be >= 1 and max-reply-bytes >= 1024");
        }
    }

    public static ChatSettings from(LlmConfig config) {
        return new ChatSettings(config.maxTokens(), config.temperature(), config.structuredOutput(),
                config.maxReplyBytes(), config.connectTimeout(), config.timeout());
    }
}
