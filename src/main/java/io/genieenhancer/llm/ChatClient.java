package io.genieenhancer.llm;

/** A chat model behind an OpenAI-compatible endpoint. */
public interface ChatClient {

    /**
     * One completion. Transient failures (429, 5xx, I/O) are retried inside with a short bounded backoff. When a
     * 429 persists this throws {@code EnhancerException(RateLimited)} with the advised wait (retryable: the step
     * returns a RetryAdvice); when anything else persists, or the endpoint refuses our credentials or does not exist,
     * {@code EnhancerException(LlmUnavailable)}.
     */
    ChatResult complete(ChatPrompt prompt);

    /** Where this client sends requests (base URL and model; never the key), for logs and reports. */
    String describe();
}
