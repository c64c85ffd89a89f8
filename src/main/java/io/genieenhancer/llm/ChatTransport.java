package io.genieenhancer.llm;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange with the chat endpoint, retried on transient failures: up to 3 retries, exponential backoff
 * 0.5 s → 4 s with jitter, never longer than 3 minutes in all (the Lambda has 15). The numbers can be tuned with
 * {@code quarkus.fault-tolerance."io.genieenhancer.llm.ChatTransport/send".retry.*}. The reply body is read with
 * a size bound, so a huge reply costs at most {@code limit} bytes of memory.
 */
@ApplicationScoped
public class ChatTransport {

    private static final Logger LOG = Logger.getLogger(ChatTransport.class);

    private final Map<String, ChatCompletionsApi> clients = new ConcurrentHashMap<>();

    @Retry(maxRetries = 3, delay = 500, jitter = 200, maxDuration = 180, durationUnit = ChronoUnit.SECONDS,
            retryOn = TransientLlmFailure.class)
    @ExponentialBackoff(factor = 2, maxDelay = 4, maxDelayUnit = ChronoUnit.SECONDS)
    public HttpReply send(LlmEndpoint endpoint, ChatCompletionRequest request, int limit, Duration connectTimeout,
            Duration readTimeout) {
        ChatCompletionsApi api = clients.computeIfAbsent(endpoint.baseUri() + "|" + connectTimeout + "|" + readTimeout,
                key -> QuarkusRestClientBuilder.newBuilder()
                        .baseUri(endpoint.baseUri())
                        .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .disableDefaultMapper(true)
                        .build(ChatCompletionsApi.class));
        HttpReply reply;
        try (Response response = api.create(endpoint.authorization().get().orElse(null), request)) {
            reply = HttpReply.read(response.getStatus(), body(response), limit,
                    Optional.ofNullable(response.getHeaderString("Retry-After")));
        } catch (ProcessingException | IOException | UncheckedIOException e) {
            // connection refused, reset, read timeout: the exception text names host and cause, never the header
            LOG.warnf("LLM call to %s failed: %s", endpoint.completionsUrl(), e);
            throw new TransientLlmFailure(e.getClass().getSimpleName() + ": " + ChatReplies.excerpt(e.getMessage()), e);
        }
        if (ChatReplies.disposition(reply.status()) == ChatReplies.Disposition.RETRY) {
            LOG.warnf("LLM call to %s answered HTTP %d%s", endpoint.completionsUrl(), reply.status(),
                    reply.retryAfter().map(s -> " (Retry-After " + s + ")").orElse(""));
            throw new TransientLlmFailure(reply.status(), reply.retryAfter(), "HTTP " + reply.status() + " "
                    + ChatReplies.excerpt(ChatReplies.errorMessage(reply.body())), null);
        }
        return reply;
    }

    private static InputStream body(Response response) {
        return response.hasEntity() ? response.readEntity(InputStream.class) : InputStream.nullInputStream();
    }
}
