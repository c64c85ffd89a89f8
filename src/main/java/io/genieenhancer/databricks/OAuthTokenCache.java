package io.genieenhancer.databricks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Keeps one OAuth access token and replaces it before it expires, so a warm Lambda asks the token endpoint about
 * once an hour rather than once per call. The refresh happens {@code refreshMargin} before expiry (at most half
 * the token's lifetime, so short-lived tokens are still reused).
 */
final class OAuthTokenCache {

    /** A token and when to stop using it. */
    record CachedToken(String value, Instant refreshAt) {
        @Override
        public String toString() {
            return "CachedToken[value=***, refreshAt=" + refreshAt + "]";
        }
    }

    private final Clock clock;
    private final Duration refreshMargin;
    private Object ownerKey;
    private CachedToken current;

    OAuthTokenCache(Clock clock, Duration refreshMargin) {
        this.clock = clock;
        this.refreshMargin = refreshMargin;
    }

    /**
     * The cached token for {@code ownerKey} (workspace + client id), fetched anew when absent, due for refresh,
     * or cached for other credentials. Holding the lock while fetching makes concurrent callers share one fetch.
     */
    synchronized String token(Object ownerKey, Supplier<OAuthTokenResponse> fetch) {
        Instant now = clock.instant();
        if (current == null || !Objects.equals(this.ownerKey, ownerKey) || !now.isBefore(current.refreshAt())) {
            OAuthTokenResponse response = fetch.get();
            Duration lifetime = Duration.ofSeconds(Math.max(0, response.expiresIn()));
            Duration margin = refreshMargin.compareTo(lifetime.dividedBy(2)) < 0 ? refreshMargin : lifetime.dividedBy(2);
            current = new CachedToken(response.accessToken(), now.plus(lifetime).minus(margin));
            this.ownerKey = ownerKey;
        }
        return current.value();
    }

    /** Drop the token (after a 401: it was revoked or the principal changed). */
    synchronized void invalidate() {
        current = null;
    }
}
