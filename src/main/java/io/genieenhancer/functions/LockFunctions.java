package io.genieenhancer.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.error.RetryAdvice;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;
import io.genieenhancer.store.SpaceLocks;
import io.genieenhancer.store.StoreConfig;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;

import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code acquireLock} / {@code releaseLock}: one enhancement run per space at a time. The state machine calls
 * acquireLock again at every iteration: the same run and execution renew the lock (see {@link SpaceLocks}).
 */
public class LockFunctions {

    @Inject
    RunStore store;

    @Inject
    StoreConfig config;

    @Inject
    Clock clock;

    @RegisterForReflection
    public record LockInput(String spaceId, String runId, Integer ttlSeconds, String executionId) {
        public LockInput {
            if (executionId != null && (executionId.isBlank() || executionId.length() > 2048)) {
                throw io.genieenhancer.error.EnhancerException.invalidInput("executionId must be a non-blank execution ARN");
            }
            Inputs.requireRun(spaceId, runId);
            if (ttlSeconds != null && (ttlSeconds < 60 || ttlSeconds > 7 * 24 * 3600)) {
                throw io.genieenhancer.error.EnhancerException.invalidInput("ttlSeconds must be between 60 and 604800");
            }
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LockOutput(String spaceId, String runId, Boolean acquired, Instant expiresAt, Boolean released,
            RetryAdvice retry) {

        static LockOutput acquired(LockInput in, Instant expiresAt) {
            return new LockOutput(in.spaceId(), in.runId(), true, expiresAt, null, null);
        }

        static LockOutput released(LockInput in, boolean released) {
            return new LockOutput(in.spaceId(), in.runId(), null, null, released, null);
        }

        static LockOutput retry(LockInput in, RetryAdvice retry) {
            return new LockOutput(in.spaceId(), in.runId(), null, null, null, retry);
        }
    }

    @Funq
    public LockOutput acquireLock(JsonNode event) {
        LockInput in = Inputs.bind(event, LockInput.class);
        return Steps.run("acquireLock", () -> {
            Duration ttl = in.ttlSeconds() == null ? config.lockTtl() : Duration.ofSeconds(in.ttlSeconds());
            SpaceLocks.Lock lock = new SpaceLocks(store).acquire(in.spaceId(), in.runId(),
                    java.util.Optional.ofNullable(in.executionId()), ttl, clock.instant());
            return LockOutput.acquired(in, lock.expiresAt());
        }, retry -> LockOutput.retry(in, retry));
    }

    @Funq
    public LockOutput releaseLock(JsonNode event) {
        LockInput in = Inputs.bind(event, LockInput.class);
        return Steps.run("releaseLock", () -> LockOutput.released(in,
                new SpaceLocks(store).release(in.spaceId(), in.runId(), clock.instant())),
                retry -> LockOutput.retry(in, retry));
    }
}
