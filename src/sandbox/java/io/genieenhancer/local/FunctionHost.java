package io.genieenhancer.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Serves the enhancer's functions over local HTTP the way the Lambda runtime presents them to Step
 * Functions: {@code POST /functions/{name}} with the event as body answers 200 with the function's
 * output, or 500 with {@code {"errorType","errorMessage"}} where, as on AWS, the type is Funqy's
 * {@code ApplicationException} and the message is the thrown exception's {@code toString()}.
 * The local state-machine runner's task handlers call it, so the real definition drives the real code.
 */
public final class FunctionHost implements AutoCloseable {

    static final String FUNQY_ERROR_TYPE = "io.quarkus.funqy.runtime.ApplicationException";

    /** One finished invocation, for progress output and tests. */
    public record Call(String function, JsonNode input, JsonNode output, String error, Duration took) {
    }

    private final HttpServer server;
    private final ObjectMapper json;

    private FunctionHost(HttpServer server, ObjectMapper json) {
        this.server = server;
        this.json = json;
    }

    public static FunctionHost start(ObjectMapper json, Map<String, Function<JsonNode, Object>> functions,
            Consumer<Call> listener) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FunctionHost host = new FunctionHost(server, json);
            server.createContext("/functions/", exchange -> host.handle(exchange, functions, listener));
            // Map states invoke in parallel: serve them in parallel, as Lambda would
            server.setExecutor(Executors.newFixedThreadPool(16));
            server.start();
            return host;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local function host", e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex, Map<String, Function<JsonNode, Object>> functions, Consumer<Call> listener)
            throws IOException {
        String name = ex.getRequestURI().getPath().substring("/functions/".length());
        long start = System.nanoTime();
        JsonNode input = null;
        try (InputStream body = ex.getRequestBody()) {
            Function<JsonNode, Object> fn = functions.get(name);
            if (fn == null || !"POST".equals(ex.getRequestMethod())) {
                respond(ex, 404, error("ResourceNotFoundException", "Function not found: " + name));
                return;
            }
            input = json.readTree(body);
            JsonNode output = json.valueToTree(fn.apply(input));
            respond(ex, 200, output);
            listener.accept(new Call(name, input, output, null, Duration.ofNanos(System.nanoTime() - start)));
        } catch (RuntimeException e) {
            ObjectNode err = error(FUNQY_ERROR_TYPE, e.toString());
            respond(ex, 500, err);
            listener.accept(new Call(name, input, null, e.toString(), Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private ObjectNode error(String type, String message) {
        ObjectNode n = json.createObjectNode();
        n.put("errorType", type);
        n.put("errorMessage", message);
        return n;
    }

    private void respond(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

}
