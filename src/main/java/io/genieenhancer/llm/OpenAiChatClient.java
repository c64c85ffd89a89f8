package io.genieenhancer.llm;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.error.RetryAdvice;

import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * {@link ChatClient} over the OpenAI chat-completions protocol (Databricks serving endpoints, OpenAI, vLLM, ...).
 * Turns transport outcomes into the contract: usable or unusable replies are values, an endpoint that stays down
 * or refuses our credentials is {@code [LlmUnavailable]}.
 */
public final class OpenAiChatClient implements ChatClient {

    private static final Logger LOG = Logger.getLogger(OpenAiChatClient.class);
    /** Longer server-advised waits are capped: the run's own limits decide beyond that. */
    static final int MAX_RETRY_AFTER_SECONDS = 300;

    private final LlmEndpoint endpoint;
    private final ChatTransport transport;
    private final ChatSettings settings;

    public OpenAiChatClient(LlmEndpoint endpoint, ChatTransport transport, ChatSettings settings) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.settings = settings;
    }

    @Override
    public ChatResult complete(ChatPrompt prompt) {
        ChatCompletionRequest request = new ChatCompletionRequest(endpoint.model(),
                List.of(ChatCompletionRequest.Message.system(prompt.system()),
                        ChatCompletionRequest.Message.user(prompt.user())),
                settings.maxTokens(), settings.temperature(),
                settings.structuredOutput()
                        ? prompt.outputSchema()
                                .map(s -> ChatCompletionRequest.ResponseFormat.jsonSchema(s.name(), s.schema()))
                                .orElse(null)
                        : null);
        HttpReply reply;
        try {
            reply = transport.send(endpoint, request, settings.maxReplyBytes(), settings.connectTimeout(),
                    settings.readTimeout());
        } catch (TransientLlmFailure e) {
            if (e.status() == 429) {
                // still rate limited after the quick retries: a longer wait is Step Functions' job (RetryAdvice)
                throw new EnhancerException(ErrorCode.RateLimited,
                        "LLM endpoint " + endpoint.completionsUrl() + " (model " + endpoint.model()
                                + ") is still rate limiting after retries: " + e.getMessage(),
                        Math.min(MAX_RETRY_AFTER_SECONDS, e.retryAfterSeconds().orElse(RetryAdvice.DEFAULT_WAIT_SECONDS)), e);
            }
            throw new EnhancerException(ErrorCode.LlmUnavailable,
                    "LLM endpoint " + endpoint.completionsUrl() + " (model " + endpoint.model()
                            + ") did not answer after retries: " + e.getMessage(), e);
        } catch (FaultToleranceException e) {
            throw new EnhancerException(ErrorCode.LlmUnavailable,
                    "LLM endpoint " + endpoint.completionsUrl() + " (model " + endpoint.model()
                            + ") did not answer after retries: " + e.getMessage(), e);
        }
        if (ChatReplies.disposition(reply.status()) == ChatReplies.Disposition.UNAVAILABLE) {
            throw new EnhancerException(ErrorCode.LlmUnavailable,
                    "LLM endpoint " + endpoint.completionsUrl() + " (model " + endpoint.model() + ") answered HTTP "
                            + reply.status() + ": " + ChatReplies.excerpt(ChatReplies.errorMessage(reply.body()))
                            + " (check enhancer.llm.model and the credentials of " + endpoint.origin() + ")");
        }
        ChatResult result = ChatReplies.read(reply);
        if (result instanceof ChatResult.Unusable u) {
            LOG.warnf("LLM reply unusable: %s", u.reason());
        } else if (result instanceof ChatResult.Answer a) {
            LOG.debugf("LLM answered: %d prompt + %d completion tokens, finish_reason %s",
                    a.usage().promptTokens(), a.usage().completionTokens(), a.finishReason().orElse("-"));
        }
        return result;
    }

    @Override
    public String describe() {
        return endpoint.toString();
    }
}
