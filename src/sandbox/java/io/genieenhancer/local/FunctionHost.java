package io.genieenhancer.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local "function host" for {@link LocalStateMachine}: serves {@code POST /{function}} on 127.0.0.1 and
 * answers like AWS Lambda running our Funqy functions: 200 with the output, or 500 with
 * {@code {errorType, errorMessage}} where, as Funqy does, every exception becomes
 * {@code io.quarkus.funqy.runtime.ApplicationException} with its class name leading the message.
 * Register the real function methods (e.g. injected beans in a @QuarkusTest) or test doubles.
 */
public final class FunctionHost implements AutoCloseable {

    static {
        // The JDK server writes headers and body as two segments; with Nagle on, the client's delayed ACK
        // stalls every response by ~40 ms. Read once, when the JDK's server configuration first loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** A function as the host calls it: the raw event in, any Jackson-serialisable output. */
    @FunctionalInterface
    public interface Function {
        Object apply(JsonNode event) throws Exception;
    }

    /** One invocation: what came in, what went out (output or error), how long it took. */
    public record Call(String function, JsonNode payload, JsonNode output, String error, java.time.Duration took) {
    }

    static final String FUNQY_ERROR_TYPE = "io.quarkus.funqy.runtime.ApplicationException";

    /**
     * Thrown by a test double to fail the invocation as the Lambda service (not Funqy) would, e.g. a timeout:
     * {@code Sandbox.Timedout} with "Task timed out after 900.00 seconds".
     */
    public static final class ServiceError extends Exception {
        private final String errorType;

        public ServiceError(String errorType, String message) {
            super(message);
            this.errorType = errorType;
        }
    }

    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(16);
    private volatile java.util.function.Consumer<Call> listener = c -> { };

    public FunctionHost() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        // a Map state invokes its iterations concurrently, as Lambda serves them: so do we
        server.setExecutor(workers);
        server.start();
    }

    /** Called after every invocation (progress output, measurements). */
    public FunctionHost onCall(java.util.function.Consumer<Call> l) {
        listener = l;
        return this;
    }

    public FunctionHost register(String name, Function function) {
        functions.put(name, function);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<JsonNode> payloadsOf(String function) {
        return calls.stream().filter(c -> c.function().equals(function)).map(Call::payload).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = exchange.getRequestURI().getPath().replaceFirst("^/+", "");
            long start = System.nanoTime();
            JsonNode event = json.readTree(exchange.getRequestBody());
            Function function = functions.get(name);
            if (function == null) {
                record(new Call(name, event, null, "FunctionNotFound", java.time.Duration.ZERO));
                respond(exchange, 404, error("FunctionNotFound", "no function " + name + " registered"));
                return;
            }
            JsonNode output;
            try {
                output = json.valueToTree(function.apply(event));
            } catch (ServiceError e) {
                record(new Call(name, event, null, e.errorType + ": " + e.getMessage(), java.time.Duration.ofNanos(System.nanoTime() - start)));
                respond(exchange, 500, error(e.errorType, e.getMessage()));
                return;
            } catch (Exception e) {
                String message = e.getClass().getName() + ": " + e.getMessage();
                record(new Call(name, event, null, message, java.time.Duration.ofNanos(System.nanoTime() - start)));
                respond(exchange, 500, error(FUNQY_ERROR_TYPE, message));
                return;
            }
            record(new Call(name, event, output, null, java.time.Duration.ofNanos(System.nanoTime() - start)));
            respond(exchange, 200, output);
        }
    }

    private void record(Call call) {
        calls.add(call);
        listener.accept(call);
    }

    private ObjectNode error(String type, String message) {
        return json.createObjectNode().put("errorType", type).put("errorMessage", message);
    }

    private void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("content-type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
