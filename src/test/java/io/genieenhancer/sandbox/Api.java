package io.genieenhancer.sandbox;

import com.databricks.sdk.core.utils.SerDeUtils;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A bare HTTP client for protocol tests: sends JSON, returns status + JSON, parses into SDK models strictly. */
final class Api {

    /** Databricks' own SDK models, strict: a field or enum value the SDK does not know fails the test. */
    static final ObjectMapper SDK = SerDeUtils.createMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .configure(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL, false);
    static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, Optional<String> retryAfter) {
        <T> T as(Class<T> sdkType) {
            try {
                return SDK.treeToValue(body, sdkType);
            } catch (IOException e) {
                throw new AssertionError("the sandbox answered a shape the Databricks SDK rejects: " + e.getMessage() + "\n" + body, e);
            }
        }

        String errorCode() {
            return body.path("error_code").asText();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    Api withToken(String t) {
        return new Api(base, t);
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path, Object body) {
        return send("POST", path, body);
    }

    Reply patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    Reply send(String method, String path, Object body) {
        try {
            String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text))
                    .header("Content-Type", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), JSON.readTree(r.body()), r.headers().firstValue("Retry-After"));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Reply form(String path, String form, String basicAuth) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .header("Content-Type", "application/x-www-form-urlencoded");
            if (basicAuth != null) {
                b.header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basicAuth.getBytes()));
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), JSON.readTree(r.body()), Optional.empty());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
