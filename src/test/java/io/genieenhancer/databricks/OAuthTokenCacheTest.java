package io.genieenhancer.databricks;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class OAuthTokenCacheTest {

    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final AtomicInteger fetches = new AtomicInteger();

    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private OAuthTokenResponse issue(long expiresIn) {
        return new OAuthTokenResponse("token-" + fetches.incrementAndGet(), "Bearer", expiresIn);
    }

    @Test
    void aTokenIsReusedUntilTheRefreshMarginBeforeItExpires() {
        OAuthTokenCache cache = new OAuthTokenCache(clock, Duration.ofSeconds(60));
        assertEquals("token-1", cache.token("w|c", () -> issue(3600)));
        now = now.plusSeconds(3539);
        assertEquals("token-1", cache.token("w|c", () -> issue(3600)));
        now = now.plusSeconds(1);
        assertEquals("token-2", cache.token("w|c", () -> issue(3600)), "refreshed 60 s before expiry");
        assertEquals(2, fetches.get());
    }

    @Test
    void aShortLivedTokenIsStillReusedForHalfItsLifetime() {
        OAuthTokenCache cache = new OAuthTokenCache(clock, Duration.ofSeconds(60));
        cache.token("w|c", () -> issue(30));
        now = now.plusSeconds(14);
        assertEquals("token-1", cache.token("w|c", () -> issue(30)));
        now = now.plusSeconds(1);
        assertEquals("token-2", cache.token("w|c", () -> issue(30)));
    }

    @Test
    void otherCredentialsOrAnInvalidationFetchANewToken() {
        OAuthTokenCache cache = new OAuthTokenCache(clock, Duration.ofSeconds(60));
        cache.token("w|c", () -> issue(3600));
        assertEquals("token-2", cache.token("w|other", () -> issue(3600)));
        cache.invalidate();
        assertEquals("token-3", cache.token("w|other", () -> issue(3600)));
    }

    @Test
    void theCachedTokenNeverShowsInToString() {
        OAuthTokenResponse response = new OAuthTokenResponse("eyJ-very-secret", "Bearer", 3600);
        assertFalse(response.toString().contains("eyJ-very-secret"));
        assertFalse(new OAuthTokenCache.CachedToken("eyJ-very-secret", now).toString().contains("eyJ-very-secret"));
        assertFalse(new WorkspaceCredentials.PersonalAccessToken("dapi-secret").toString().contains("dapi-secret"));
        assertFalse(new WorkspaceCredentials.OAuthClientCredentials("id", "sp-secret").toString().contains("sp-secret"));
    }
}
