package io.genieenhancer.llm;

import java.util.Optional;

/**
 * What one chat call gave. A reply we cannot use (too big, not a completion, refused request) is a value, not an
 * exception: it costs the batch its fixes, never the step. Only an unreachable endpoint throws
 * ({@code [LlmUnavailable]}).
 */
public sealed interface ChatResult {

    /** Calls and tokens of this call (tokens are zero when the endpoint did not report them). */
    LlmUsage usage();

    /** The model's message text; {@code finishReason} {@code length} means it was cut at max_tokens. */
    record Answer(String content, Optional<String> finishReason, LlmUsage usage) implements ChatResult {
        public boolean truncated() {
            return finishReason.filter("length"::equals).isPresent();
        }
    }

    record Unusable(String reason, LlmUsage usage) implements ChatResult {
    }
}
