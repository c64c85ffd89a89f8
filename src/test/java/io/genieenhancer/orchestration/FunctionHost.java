package io.genieenhancer.orchestration;

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

    /** A function as the host calls it: the raw event in, any Jackson-serialisable output. */
    @FunctionalInterface
    public interface Function {
        Object apply(JsonNode event) throws Exception;
    }

    public record Call(String function, JsonNode payload) {
    }

    static final String FUNQY_ERROR_TYPE = "io.quarkus.funqy.runtime.ApplicationException";

    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
    private final Map<String, Function> functions = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    public FunctionHost() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
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
            JsonNode event = json.readTree(exchange.getRequestBody());
            calls.add(new Call(name, event));
            Function function = functions.get(name);
            if (function == null) {
                respond(exchange, 404, error("FunctionNotFound", "no function " + name + " registered"));
                return;
            }
            Object output;
            try {
                output = function.apply(event);
            } catch (Exception e) {
                respond(exchange, 500, error(FUNQY_ERROR_TYPE, e.getClass().getName() + ": " + e.getMessage()));
                return;
            }
            respond(exchange, 200, json.valueToTree(output));
        }
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
    }
}
