package io.genieenhancer.databricks;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.faulttolerance.api.Guard;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every Databricks call goes through here: credentials, the HTTP call, reading the answer, mapping failures to
 * error codes ({@link DatabricksErrors}) and fault tolerance.
 *
 * <p>Fault tolerance (SmallRye {@link Guard}, shared by all calls so the circuit breaker sees the whole
 * workspace): per-attempt timeouts come from the HTTP client (connect/read) with a guard timeout as a backstop;
 * a few quick retries with backoff and jitter for 429/502/503/504 and I/O errors, honouring short Retry-After
 * values; a circuit breaker that opens on repeated unavailability. Everything longer is not waited for here:
 * the exception carries {@code retryAfterSeconds} and the function returns a RetryAdvice so that Step Functions
 * does the waiting (a Lambda must not sleep for minutes).
 */
@ApplicationScoped
public class DatabricksWorkspace {

    private static final Logger LOG = Logger.getLogger(DatabricksWorkspace.class);
    private static final String USER_AGENT = "genie-space-enhancer/0.1";
    /** Name for {@code CircuitBreakerMaintenance} (state, reset). */
    public static final String CIRCUIT_BREAKER = "databricks";

    @Inject
    DatabricksConfig config;

    @Inject
    WorkspaceSettingsResolver settings;

    private Guard guard;
    private OAuthTokenCache tokens;
    private Clock clock = Clock.systemUTC();
    private Clients clients;

    /** The REST clients for one base URI (rebuilt only if a rotated secret names another workspace). */
    private record Clients(URI baseUri, DatabricksRestApi api, OidcTokenApi oidc) {
    }

    @PostConstruct
    void init() {
        DatabricksConfig.Retry retry = config.retry();
        DatabricksConfig.CircuitBreaker breaker = config.circuitBreaker();
        long maxRetryAfterMillis = retry.maxRetryAfter().toMillis();
        long attemptBackstopMillis = config.connectTimeout().toMillis() + config.readTimeout().toMillis() + 5_000;
        tokens = new OAuthTokenCache(clock, config.oauth().refreshMargin());
        guard = Guard.create()
                .withDescription("databricks")
                .withRetry()
                    .maxRetries(Math.max(0, retry.maxAttempts() - 1))
                    .delay(retry.initialDelay().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(Math.max(retry.maxDuration().toMillis(), retry.initialDelay().toMillis() + 1), ChronoUnit.MILLIS)
                    .jitter(0, ChronoUnit.MILLIS)
                    .whenException(e -> e instanceof DatabricksApiException d && d.retryableInProcess()
                            && d.retryAfterSeconds().map(s -> s * 1000L <= maxRetryAfterMillis).orElse(true))
                    .withCustomBackoff()
                        .strategy(() -> new RetryBackoff(retry.initialDelay(), retry.maxDelay()))
                        .done()
                    .beforeRetry(e -> LOG.warnf("retrying Databricks call after: %s", e.getMessage()))
                    .done()
                .withCircuitBreaker()
                    .name(CIRCUIT_BREAKER)
                    .requestVolumeThreshold(breaker.requestVolumeThreshold())
                    .failureRatio(breaker.failureRatio())
                    .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(breaker.successThreshold())
                    // only unavailability trips the breaker: a 404 or a 429 says the workspace is up
                    .when(e -> e instanceof TimeoutException
                            || (e instanceof EnhancerException x && x.code() == ErrorCode.DatabricksUnavailable))
                    .onStateChange(state -> LOG.warnf("Databricks circuit breaker is now %s", state))
                    .done()
                .withTimeout()
                    .duration(attemptBackstopMillis, ChronoUnit.MILLIS)
                    .done()
                .build();
    }

    /** Closes the circuit breaker and forgets its history (tests; an operator could want it after an outage). */
    public void resetCircuitBreaker() {
        io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.get().reset(CIRCUIT_BREAKER);
    }

    /** For tests of token refresh: a controllable clock. */
    void useClock(Clock clock) {
        this.clock = clock;
        this.tokens = new OAuthTokenCache(clock, config.oauth().refreshMargin());
    }

    /** Calls, reads a 2xx body as {@code type}; every failure is a {@link DatabricksApiException} (or an EnhancerException for configuration). */
    <T> T call(Operation op, String subject, BiFunction<DatabricksRestApi, String, Response> request, Class<T> type) {
        return call(op, subject, request, body -> DatabricksJson.MAPPER.readValue(body, type));
    }

    <T> T call(Operation op, String subject, BiFunction<DatabricksRestApi, String, Response> request, BodyReader<T> reader) {
        try {
            return guarded(op, subject, request, reader);
        } catch (DatabricksApiException e) {
            // A 401 with cached credentials may be a revoked token or a rotated secret: refresh once, then give up.
            if (e.httpStatus().orElse(0) == 401 && refreshCredentials(e)) {
                LOG.infof("%s was refused with 401; retrying once with fresh credentials", op.name());
                return guarded(op, subject, request, reader);
            }
            throw e;
        }
    }

    /** Parses a response body; may throw anything Jackson throws (then the body counts as malformed). */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(String body) throws Exception;
    }

    /**
     * After a 401: drop the cached OAuth token and, when the credentials came from a secret, the secret too.
     * True when the next attempt may present different credentials. A refused client id/secret at the token
     * endpoint only gets better through a rotated secret; a static token never does.
     */
    private boolean refreshCredentials(DatabricksApiException refused) {
        boolean oauth = settings.current().credentials() instanceof WorkspaceCredentials.OAuthClientCredentials;
        boolean tokenEndpointRefused = Operation.FETCH_TOKEN.name().equals(refused.operation());
        tokens.invalidate();
        boolean secretReloaded = settings.invalidate();
        return secretReloaded || (oauth && !tokenEndpointRefused);
    }

    @SuppressWarnings("unchecked")
    private <T> T guarded(Operation op, String subject, BiFunction<DatabricksRestApi, String, Response> request, BodyReader<T> reader) {
        try {
            return (T) guard.call(() -> attempt(op, subject, request, reader), Object.class);
        } catch (EnhancerException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new DatabricksApiException(ErrorCode.DatabricksUnavailable, op.name(),
                    op.name() + ": not calling Databricks, it failed repeatedly (circuit breaker open)", 0, null,
                    (int) Math.max(1, config.circuitBreaker().delay().toSeconds()), false, e);
        } catch (TimeoutException e) {
            throw DatabricksErrors.transport(op, subject, e);
        } catch (Exception e) {
            throw DatabricksErrors.transport(op, subject, e);
        }
    }

    private <T> T attempt(Operation op, String subject, BiFunction<DatabricksRestApi, String, Response> request, BodyReader<T> reader) {
        WorkspaceSettings ws = settings.current();
        Clients c = clients(ws.baseUri());
        String authorization = authorization(ws, c);
        return exchange(op, subject, () -> request.apply(c.api(), authorization), reader);
    }

    private <T> T exchange(Operation op, String subject, java.util.function.Supplier<Response> send, BodyReader<T> reader) {
        Response response;
        try {
            response = send.get();
        } catch (EnhancerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DatabricksErrors.transport(op, subject, e);
        }
        try (response) {
            int status = response.getStatus();
            String body;
            try {
                body = response.hasEntity() ? response.readEntity(String.class) : "";
            } catch (RuntimeException e) {
                throw DatabricksErrors.transport(op, subject, e);
            }
            if (status >= 200 && status < 300) {
                try {
                    return reader.read(body == null || body.isBlank() ? "{}" : body);
                } catch (EnhancerException e) {
                    throw e;
                } catch (Exception e) {
                    throw DatabricksErrors.malformed(op, subject, status, e);
                }
            }
            throw DatabricksErrors.fromResponse(op, subject, status, body, response.getHeaderString("Retry-After"), clock.instant());
        }
    }

    private String authorization(WorkspaceSettings ws, Clients c) {
        // Java 17: no pattern switch; the interface is sealed, so these two cases are all there is
        if (ws.credentials() instanceof WorkspaceCredentials.OAuthClientCredentials oauth) {
            return "Bearer " + tokens.token(ws.baseUri() + "|" + oauth.clientId(), () -> fetchToken(oauth, c));
        }
        return "Bearer " + ((WorkspaceCredentials.PersonalAccessToken) ws.credentials()).token();
    }

    private OAuthTokenResponse fetchToken(WorkspaceCredentials.OAuthClientCredentials oauth, Clients c) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (oauth.clientId() + ":" + oauth.clientSecret()).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=client_credentials&scope=" + java.net.URLEncoder.encode(config.oauth().scope(), StandardCharsets.UTF_8);
        OAuthTokenResponse token = exchange(Operation.FETCH_TOKEN, oauth.clientId(), () -> c.oidc().token(basic, form),
                body -> DatabricksJson.MAPPER.readValue(body, OAuthTokenResponse.class));
        if (token.accessToken() == null || token.accessToken().isBlank()) {
            throw new DatabricksApiException(ErrorCode.DatabricksUnavailable, Operation.FETCH_TOKEN.name(), "fetchOAuthToken: the answer has no access_token",
                    200, null, null, true, null);
        }
        LOG.debugf("fetched an OAuth token for client %s, valid %d s", oauth.clientId(), token.expiresIn());
        return token;
    }

    private synchronized Clients clients(URI baseUri) {
        if (clients == null || !clients.baseUri().equals(baseUri)) {
            clients = new Clients(baseUri, builder(baseUri).build(DatabricksRestApi.class), builder(baseUri).build(OidcTokenApi.class));
        }
        return clients;
    }

    private QuarkusRestClientBuilder builder(URI baseUri) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUri)
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // we read error statuses ourselves (with their bodies and Retry-After)
                .disableDefaultMapper(true)
                .followRedirects(false)
                .userAgent(USER_AGENT)
                // should anyone turn client logging on, the credentials still stay out of the log
                .loggingMaskedHeaders(Set.of(HttpHeaders.AUTHORIZATION));
    }

    /** True when a workspace is configured (a host, or a secret that may name one); nothing is read yet. */
    public boolean configured() {
        return config.host().filter(h -> !h.isBlank()).isPresent() || config.secretId().filter(s -> !s.isBlank()).isPresent();
    }

    /**
     * The workspace URL, for other clients of the same workspace (the LLM analyser calls its model serving
     * endpoints). Resolving may read the secret; failures are EnhancerExceptions as for any call.
     */
    public URI baseUri() {
        return settings.current().baseUri();
    }

    /**
     * A current {@code Authorization} header value for this workspace (PAT, or an OAuth token from the same cache
     * as every other call), for the LLM client that calls the workspace's serving endpoints. Never log it.
     */
    public String authorizationHeader() {
        WorkspaceSettings ws = settings.current();
        return authorization(ws, clients(ws.baseUri()));
    }

    /** Follows {@code next_page_token} until the last page; a server that keeps sending the same token is an error. */
    static <T, P> java.util.List<T> allPages(Operation op, String subject, Function<Optional<String>, P> fetchPage,
            Function<P, java.util.List<T>> items, Function<P, Optional<String>> nextToken) {
        java.util.List<T> all = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        Optional<String> token = Optional.empty();
        do {
            P page = fetchPage.apply(token);
            all.addAll(items.apply(page));
            token = nextToken.apply(page);
            if (token.isPresent() && !seen.add(token.get())) {
                throw new DatabricksApiException(ErrorCode.DatabricksUnavailable, op.name(),
                        op.name() + " " + subject + ": the server repeated page token " + token.get(), 200, null, null, false, null);
            }
        } while (token.isPresent());
        return all;
    }

    /** For ids that go into a URL path: InvalidInput before any call when blank. */
    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw EnhancerException.invalidInput(field + " is required");
        }
        return value;
    }
}
