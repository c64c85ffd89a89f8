package io.genieenhancer.store;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP client that, when armed, sends the next conditional PUT for real and then throws the I/O
 * error the JDK client reports when a connection breaks after the server answered: the object has
 * landed, the caller never learns it, and the SDK retries.
 */
final class LosesConditionalPutAnswers implements SdkHttpClient {

    private final SdkHttpClient delegate = UrlConnectionHttpClient.create();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger lost = new AtomicInteger();

    private final AtomicBoolean loseAll = new AtomicBoolean();

    void loseNext() {
        armed.set(true);
    }

    /** Every conditional PUT's answer is lost from now on, whatever it was (201, 412 ...): the caller never hears back. */
    void loseEveryAnswer() {
        loseAll.set(true);
    }

    int lost() {
        return lost.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        ExecutableHttpRequest real = delegate.prepareRequest(request);
        boolean conditionalPut = request.httpRequest().method() == SdkHttpMethod.PUT
                && (request.httpRequest().firstMatchingHeader("If-None-Match").isPresent()
                        || request.httpRequest().firstMatchingHeader("If-Match").isPresent());
        if (!conditionalPut || !(loseAll.get() || armed.compareAndSet(true, false))) {
            return real;
        }
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                HttpExecuteResponse landed;
                try {
                    landed = real.call();
                } catch (IOException natural) {
                    // the connection broke by itself (the very failure this class imitates, seen under load): the
                    // answer of this attempt is lost all the same, and the SDK retries
                    lost.incrementAndGet();
                    throw natural;
                }
                if (!loseAll.get() && landed.httpResponse().statusCode() / 100 != 2) {
                    throw new AssertionError("the injected loss must follow a write that landed, got " + landed.httpResponse().statusCode());
                }
                landed.responseBody().ifPresent(LosesConditionalPutAnswers::closeQuietly);
                lost.incrementAndGet();
                throw new IOException("Error writing request body to server (injected: the write landed, its answer was lost)");
            }

            @Override
            public void abort() {
                real.abort();
            }
        };
    }

    private static void closeQuietly(AbortableInputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // the response is thrown away on purpose
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
