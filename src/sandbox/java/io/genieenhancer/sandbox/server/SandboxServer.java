package io.genieenhancer.sandbox.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.genieenhancer.sandbox.WorkspaceState;
import io.genieenhancer.sandbox.WorkspaceState.EvalItem;
import io.genieenhancer.sandbox.WorkspaceState.EvalRun;
import io.genieenhancer.sandbox.WorkspaceState.Message;
import io.genieenhancer.sandbox.WorkspaceState.Statement;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox workspace's HTTP face: the subset of the Databricks REST API the product uses, on
 * 127.0.0.1 and an ephemeral port (JDK HttpServer, no extra dependency). Every {@code /api/} call needs
 * {@code Authorization: Bearer <any non-empty token>}; {@code /oidc/v1/token} hands out such tokens
 * for any client credentials, so OAuth M2M can be exercised. Refusals use Databricks' error body.
 */
public final class SandboxServer {

    static {
        // The JDK server writes headers and body as two segments; with Nagle on, the client's delayed ACK
        // stalls every response by ~40 ms. Read once, when the JDK's server configuration first loads.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String SPACE = "/api/2.0/genie/spaces/([^/]+)";
    private static final String MESSAGE = SPACE + "/conversations/([^/]+)/messages/([^/]+)";
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final int MAX_STATEMENT_ROWS = 100_000;

    private record Request(String method, String path, Map<String, String> query, List<String> params, HttpExchange exchange) {
        String param(int i) {
            return params.get(i);
        }

        Body body() {
            return new Body(readBody(exchange));
        }
    }

    private record Response(int status, JsonNode body, Map<String, String> headers) {
        static Response ok(JsonNode body) {
            return new Response(200, body, Map.of());
        }
    }

    private interface Handler {
        Response handle(Request r);
    }

    private record Route(String method, Pattern pattern, Handler handler) {
    }

    private final WorkspaceState state;
    private final List<Route> routes = new ArrayList<>();
    private final HttpServer http;
    private final ExecutorService executor;

    private SandboxServer(WorkspaceState state, int port) throws IOException {
        this.state = state;
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        this.executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "genie-sandbox-http");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.createContext("/", this::serve);
        registerRoutes();
    }

    /** On 127.0.0.1 and an ephemeral port. */
    public static SandboxServer start(WorkspaceState state) {
        return start(state, 0);
    }

    /** On 127.0.0.1 and the given port (0 = ephemeral). */
    public static SandboxServer start(WorkspaceState state, int port) {
        try {
            SandboxServer s = new SandboxServer(state, port);
            s.http.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the sandbox HTTP server", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    public void stop() {
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------ routes

    private void route(String method, String regex, Handler h) {
        routes.add(new Route(method, Pattern.compile(regex), h));
    }

    private void registerRoutes() {
        // spaces
        route("GET", "/api/2.0/genie/spaces", r -> page(r, "spaces",
                state.spaces().stream().map(s -> (JsonNode) Payloads.space(s, false)).toList()));
        route("GET", SPACE, r -> Response.ok(Payloads.space(state.space(r.param(0)), flag(r, "include_serialized_space"))));
        route("PATCH", SPACE, this::updateSpace);
        // conversations
        route("POST", SPACE + "/start-conversation", this::startConversation);
        route("POST", SPACE + "/conversations/([^/]+)/messages", this::followUp);
        route("GET", MESSAGE, r -> {
            Message m = state.message(r.param(0), r.param(1), r.param(2));
            return Response.ok(Payloads.message(m, state.status(m), state.clock().instant()));
        });
        route("GET", MESSAGE + "/attachments/([^/]+)/query-result", r -> queryResult(r, Optional.of(r.param(3))));
        route("POST", MESSAGE + "/attachments/([^/]+)/execute-query", r -> queryResult(r, Optional.of(r.param(3))));
        route("GET", MESSAGE + "/query-result", r -> queryResult(r, Optional.empty()));           // deprecated form
        route("GET", MESSAGE + "/query-result/([^/]+)", r -> queryResult(r, Optional.of(r.param(3)))); // deprecated form
        // eval runs
        route("POST", SPACE + "/eval-runs", r -> {
            List<String> ids = r.body().allow("benchmark_question_ids").strings("benchmark_question_ids");
            EvalRun run = state.createEvalRun(r.param(0), ids);
            return Response.ok(Payloads.evalRun(run, state, state.clock().instant()));
        });
        route("GET", SPACE + "/eval-runs", r -> page(r, "eval_runs", state.evalRuns(r.param(0)).stream()
                .map(run -> (JsonNode) Payloads.evalRun(run, state, state.clock().instant())).toList()));
        route("GET", SPACE + "/eval-runs/([^/]+)", r ->
                Response.ok(Payloads.evalRun(state.evalRun(r.param(0), r.param(1)), state, state.clock().instant())));
        route("GET", SPACE + "/eval-runs/([^/]+)/results", r -> {
            EvalRun run = state.evalRun(r.param(0), r.param(1));
            return page(r, "eval_results", run.items().stream().map(i -> (JsonNode) Payloads.evalResult(run, i, state)).toList());
        });
        route("GET", SPACE + "/eval-runs/([^/]+)/results/([^/]+)", r -> {
            EvalRun run = state.evalRun(r.param(0), r.param(1));
            EvalItem item = run.items().stream().filter(i -> i.resultId().equals(r.param(2))).findFirst()
                    .orElseThrow(() -> ApiError.notFound("Evaluation result " + r.param(2) + " does not exist."));
            return Response.ok(Payloads.evalResultDetails(run, item, state));
        });
        // SQL statements
        route("POST", "/api/2.0/sql/statements/?", this::executeStatement);
        route("GET", "/api/2.0/sql/statements/([^/]+)", r -> {
            Statement s = state.poll(r.param(0));
            return Response.ok(Payloads.statement(s, s.state()));
        });
        route("POST", "/api/2.0/sql/statements/([^/]+)/cancel", r -> {
            state.cancel(r.param(0));
            return Response.ok(F.objectNode());
        });
        route("GET", "/api/2.0/sql/statements/([^/]+)/result/chunks/([^/]+)", r -> {
            Statement s = state.statement(r.param(0));
            if (!"0".equals(r.param(1)) || s.result().isEmpty()) {
                throw ApiError.invalid("Chunk " + r.param(1) + " does not exist for statement " + r.param(0));
            }
            return Response.ok(Payloads.resultData(s.result().get()));
        });
    }

    // ------------------------------------------------------------------------------------ handlers

    private Response updateSpace(Request r) {
        Body b = r.body().allow("serialized_space", "title", "description", "warehouse_id", "parent_path", "etag");
        WorkspaceState.SpaceUpdate u = new WorkspaceState.SpaceUpdate(b.string("serialized_space"), b.string("title"),
                b.string("description"), b.string("warehouse_id"), b.string("parent_path"), b.string("etag"));
        return Response.ok(Payloads.space(state.update(r.param(0), u), true));
    }

    private Response startConversation(Request r) {
        Body b = r.body().allow("content", "enable_visualization");
        b.bool("enable_visualization");
        var cm = state.startConversation(r.param(0), b.requiredString("content"));
        Message m = cm.getValue();
        ObjectNode o = F.objectNode().put("conversation_id", cm.getKey().id()).put("message_id", m.id());
        o.set("conversation", Payloads.conversation(cm.getKey()));
        o.set("message", Payloads.message(m, state.status(m), state.clock().instant()));
        return Response.ok(o);
    }

    private Response followUp(Request r) {
        Body b = r.body().allow("content", "enable_visualization");
        b.bool("enable_visualization");
        Message m = state.followUp(r.param(0), r.param(1), b.requiredString("content"));
        return Response.ok(Payloads.message(m, state.status(m), state.clock().instant()));
    }

    private Response queryResult(Request r, Optional<String> attachmentId) {
        Message m = state.message(r.param(0), r.param(1), r.param(2));
        if (attachmentId.isPresent() && !attachmentId.get().equals(m.attachmentId())) {
            throw ApiError.notFound("Attachment " + attachmentId.get() + " does not exist in message " + m.id() + ".");
        }
        Statement st = m.statement().orElseThrow(() -> ApiError.invalid("Message " + m.id() + " has no query attachment."));
        String status = state.status(m);
        if (!status.equals("EXECUTING_QUERY") && !status.equals("COMPLETED")) {
            throw ApiError.invalid("The query result is not available yet: message " + m.id() + " is " + status + ".");
        }
        return Response.ok(F.objectNode().set("statement_response", Payloads.statement(st, st.state())));
    }

    private Response executeStatement(Request r) {
        Body b = r.body().allow("statement", "warehouse_id", "catalog", "schema", "parameters", "wait_timeout", "on_wait_timeout",
                "disposition", "format", "row_limit", "byte_limit", "query_tags");
        String sql = b.requiredString("statement");
        String warehouse = b.requiredString("warehouse_id");
        b.string("catalog");
        b.string("schema");
        String wait = b.string("wait_timeout").orElse("10s");
        Matcher w = Pattern.compile("(\\d+)s").matcher(wait);
        if (!w.matches() || (!wait.equals("0s") && (Integer.parseInt(w.group(1)) < 5 || Integer.parseInt(w.group(1)) > 50))) {
            throw ApiError.invalid("wait_timeout must be 0s or between 5s and 50s, was " + wait);
        }
        String onWait = b.string("on_wait_timeout").orElse("CONTINUE");
        if (!onWait.equals("CONTINUE") && !onWait.equals("CANCEL")) {
            throw ApiError.invalid("on_wait_timeout must be CONTINUE or CANCEL, was " + onWait);
        }
        String disposition = b.string("disposition").orElse("INLINE");
        if (!disposition.equals("INLINE")) {
            throw ApiError.invalid("The sandbox warehouse supports disposition INLINE only, was " + disposition);
        }
        String format = b.string("format").orElse("JSON_ARRAY");
        if (!format.equals("JSON_ARRAY")) {
            throw ApiError.invalid("format " + format + " requires disposition EXTERNAL_LINKS; use JSON_ARRAY");
        }
        long rowLimit = b.integer("row_limit").orElse((long) MAX_STATEMENT_ROWS);
        if (rowLimit < 0) {
            throw ApiError.invalid("row_limit must not be negative");
        }
        b.integer("byte_limit");
        String bound = Parameters.bind(sql, b.raw("parameters"));
        Statement s = state.execute(warehouse, bound, (int) Math.min(rowLimit, MAX_STATEMENT_ROWS));
        if (wait.equals("0s")) { // the client asked not to wait: it learns the outcome by polling
            return Response.ok(Payloads.statement(s, "PENDING"));
        }
        return Response.ok(Payloads.statement(state.poll(s.id()), s.state()));
    }

    private Response token(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Map<String, String> form = form(readText(ex));
        String clientId = form.get("client_id");
        if (auth != null && auth.startsWith("Basic ")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                clientId = decoded.contains(":") && decoded.indexOf(':') > 0 ? decoded.substring(0, decoded.indexOf(':')) : null;
            } catch (IllegalArgumentException e) {
                clientId = null;
            }
        }
        if (clientId == null || clientId.isBlank()) {
            return new Response(401, F.objectNode().put("error", "invalid_client")
                    .put("error_description", "Client authentication failed: send client_id:client_secret as HTTP Basic auth"), Map.of());
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return new Response(400, F.objectNode().put("error", "unsupported_grant_type")
                    .put("error_description", "grant_type must be client_credentials"), Map.of());
        }
        String token = "sandbox-oauth-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        return Response.ok(F.objectNode().put("access_token", token).put("token_type", "Bearer").put("expires_in", 3600)
                .put("scope", form.getOrDefault("scope", "all-apis")));
    }

    // ------------------------------------------------------------------------------------ plumbing

    private void serve(HttpExchange ex) {
        Response resp;
        try {
            resp = dispatch(ex);
        } catch (ApiError e) {
            Map<String, String> headers = new HashMap<>();
            e.retryAfterSeconds().ifPresent(s -> headers.put("Retry-After", Integer.toString(s)));
            resp = new Response(e.status(), Payloads.error(e.errorCode(), e.getMessage()), headers);
        } catch (RuntimeException e) {
            resp = new Response(500, Payloads.error("INTERNAL_ERROR", "sandbox error: " + e), Map.of());
        }
        try (ex) {
            byte[] bytes = JSON.writeValueAsBytes(resp.body());
            ex.getResponseHeaders().set("Content-Type", "application/json");
            resp.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(resp.status(), bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException ignored) {
            // client went away
        }
    }

    private Response dispatch(HttpExchange ex) {
        String method = ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        String path = ex.getRequestURI().getRawPath();
        if (path.equals("/oidc/v1/token") && method.equals("POST")) {
            return token(ex);
        }
        if (path.equals("/oidc/.well-known/oauth-authorization-server") && method.equals("GET")) {
            String base = "http://" + ex.getLocalAddress().getHostString() + ":" + ex.getLocalAddress().getPort();
            return Response.ok(F.objectNode().put("issuer", base + "/oidc").put("token_endpoint", base + "/oidc/v1/token")
                    .put("authorization_endpoint", base + "/oidc/v1/authorize"));
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.substring(7).isBlank()) {
            throw new ApiError(401, "UNAUTHENTICATED", "Credential was not sent or was of an unsupported type for this API.");
        }
        Map<String, String> query = form(Optional.ofNullable(ex.getRequestURI().getRawQuery()).orElse(""));
        for (Route route : routes) {
            Matcher m = route.pattern().matcher(path);
            if (m.matches() && route.method().equals(method)) {
                List<String> params = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    params.add(URLDecoder.decode(m.group(i), StandardCharsets.UTF_8));
                }
                return route.handler().handle(new Request(method, path, query, params, ex));
            }
        }
        throw new ApiError(404, "ENDPOINT_NOT_FOUND", "No API found for '" + method + " " + path + "'");
    }

    private static boolean flag(Request r, String name) {
        String v = r.query().get(name);
        if (v == null) {
            return false;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw ApiError.invalid("Query parameter " + name + " must be true or false, was " + v);
        }
        return Boolean.parseBoolean(v);
    }

    /** One page of a list ({@code page_size}, {@code page_token} = the next offset), as the list endpoints do. */
    private static Response page(Request r, String field, List<JsonNode> all) {
        int size = DEFAULT_PAGE_SIZE;
        int offset = 0;
        try {
            if (r.query().containsKey("page_size")) {
                size = Integer.parseInt(r.query().get("page_size"));
            }
            if (r.query().containsKey("page_token") && !r.query().get("page_token").isEmpty()) {
                offset = Integer.parseInt(r.query().get("page_token"));
            }
        } catch (NumberFormatException e) {
            throw ApiError.invalid("page_size and page_token must be numbers from this API");
        }
        if (size <= 0 || offset < 0 || offset > all.size()) {
            throw ApiError.invalid("Invalid page_size or page_token");
        }
        ObjectNode o = F.objectNode();
        ArrayNode items = o.putArray(field);
        all.subList(offset, Math.min(all.size(), offset + size)).forEach(items::add);
        if (offset + size < all.size()) {
            o.put("next_page_token", Integer.toString(offset + size));
        }
        return Response.ok(o);
    }

    private static ObjectNode readBody(HttpExchange ex) {
        String text = readText(ex);
        if (text.isBlank()) {
            throw new ApiError(400, "MALFORMED_REQUEST", "Invalid JSON given in the body of the request - expected a JSON object");
        }
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) {
                throw new ApiError(400, "MALFORMED_REQUEST", "Invalid JSON given in the body of the request - expected a JSON object");
            }
            return (ObjectNode) n;
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "MALFORMED_REQUEST", "Invalid JSON given in the body of the request - failed to parse given JSON: "
                    + e.getOriginalMessage());
        }
    }

    private static String readText(HttpExchange ex) {
        try (InputStream in = ex.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiError(400, "MALFORMED_REQUEST", "cannot read the request body");
        }
    }

    private static Map<String, String> form(String raw) {
        Map<String, String> out = new HashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }
}
