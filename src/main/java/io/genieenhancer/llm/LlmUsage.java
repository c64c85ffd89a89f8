package io.genieenhancer.llm;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the LLM cost in one cycle: calls made and the tokens the endpoint reported for them. */
@RegisterForReflection
public record LlmUsage(int calls, long promptTokens, long completionTokens) {

    public static final LlmUsage NONE = new LlmUsage(0, 0, 0);

    public LlmUsage plus(LlmUsage other) {
        return new LlmUsage(calls + other.calls, promptTokens + other.promptTokens,
                completionTokens + other.completionTokens);
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
