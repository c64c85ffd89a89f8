package io.genieenhancer.store;

import io.genieenhancer.testing.S3ProxyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3RunStoreTest extends RunStoreContract {

    static S3ProxyServer server;
    static S3Client s3;

    @BeforeAll
    static void start() {
        server = S3ProxyServer.start("runs");
        s3 = server.client();
    }

    @AfterAll
    static void stop() {
        s3.close();
        server.close();
    }

    @Override
    RunStore store() {
        return new S3RunStore(s3, "runs", "test/", Optional.empty());
    }

    /**
     * The cause of a random failure once seen in CI: the first attempt of a conditional PUT landed but its
     * answer was lost ("Error writing request body to server"), the SDK retried, and the retry failed its
     * own precondition. Here the loss is injected on purpose, so the test is deterministic.
     */
    /**
     * A server that refuses a precondition may answer 412 before reading the body; the JDK client then reports
     * "Error writing request body" on every attempt, never the 412. The store reads back and decides.
     */
    @Test
    void whenNoAttemptOfAConditionalWriteIsAnsweredTheStoreStillTellsOursFromTheirs() {
        try (LosesConditionalPutAnswers lossy = new LosesConditionalPutAnswers(); S3Client client = server.client(lossy)) {
            RunStore store = new S3RunStore(client, "runs", "mute/", Optional.empty());
            RunStore.StoredObject theirs = store.putIfAbsent("spaces/m1/lock", b("theirs"), Map.of()).orElseThrow();
            lossy.loseEveryAnswer();

            assertTrue(store.putIfAbsent("spaces/m2/lock", b("mine"), Map.of()).isPresent(), "landed: ours");
            assertTrue(store.putIfAbsent("spaces/m1/lock", b("mine"), Map.of()).isEmpty(), "held by someone else");
            assertTrue(store.putIfMatch("spaces/m1/lock", b("mine"), Map.of(), "\"stale-etag\"").isEmpty(), "etag moved on");
            assertTrue(store.putIfMatch("spaces/m1/lock", b("mine"), Map.of(), theirs.etag()).isPresent(), "matched: ours");
            assertTrue(lossy.lost() >= 4, "every answer was lost: " + lossy.lost());
            assertEquals("mine", store.get("spaces/m1/lock").orElseThrow().text());
        }
    }

    @Test
    void aConditionalWriteWhoseAnswerWasLostIsRecognisedAsOurs() {
        try (LosesConditionalPutAnswers lossy = new LosesConditionalPutAnswers(); S3Client client = server.client(lossy)) {
            RunStore store = new S3RunStore(client, "runs", "lossy/", Optional.empty());
            lossy.loseNext();
            RunStore.StoredObject created = store.putIfAbsent("spaces/l1/lock", b("mine"), Map.of("run", "r1")).orElseThrow(
                    () -> new AssertionError("our own landed write was taken for someone else's"));
            assertEquals(1, lossy.lost(), "the answer of the first attempt was lost and the SDK retried");
            RunStore.StoredContent stored = store.get("spaces/l1/lock").orElseThrow();
            assertEquals("mine", stored.text());
            assertEquals(Map.of("run", "r1"), stored.metadata(), "the write id stays internal");
            assertEquals(stored.object().versionId(), created.versionId());

            lossy.loseNext();
            RunStore.StoredObject swapped = store.putIfMatch("spaces/l1/lock", b("renewed"), Map.of(), created.etag()).orElseThrow();
            assertEquals(2, lossy.lost());
            assertEquals("renewed", store.get("spaces/l1/lock").orElseThrow().text());
            assertEquals(swapped.etag(), store.get("spaces/l1/lock").orElseThrow().object().etag());
        }
    }

    @Test
    void someoneElsesWriteOfTheSameBytesIsNotTakenForOurs() {
        store().put("spaces/l2/lock", b("same"), Map.of());
        assertTrue(store().putIfAbsent("spaces/l2/lock", b("same"), Map.of()).isEmpty());
        String etag = store().get("spaces/l2/lock").orElseThrow().object().etag();
        store().put("spaces/l2/lock", b("other"), Map.of());
        assertTrue(store().putIfMatch("spaces/l2/lock", b("other"), Map.of(), etag).isEmpty());
    }

    @Test
    void objectsCarryTheirHashInMetadataUnderThePrefix() {
        store().put("spaces/s9/x.json", b("hello"), Map.of());
        HeadObjectResponse head = s3.headObject(h -> h.bucket("runs").key("test/spaces/s9/x.json"));
        assertEquals(Hashes.sha256(b("hello")), head.metadata().get("sha256"));
    }

    /** Every S3 failure reaches the caller as an EnhancerException with its [Code], never as a raw SDK exception. */
    @Test
    void everyS3FailureReachesTheCallerWithItsCode() {
        RunStore store = new S3RunStore(s3, "no-such-bucket", "", Optional.empty());
        List<org.junit.jupiter.api.function.Executable> calls = List.of(
                () -> store.put("k", b("x"), Map.of()),
                () -> store.putIfAbsent("k", b("x"), Map.of()),
                () -> store.putIfMatch("k", b("x"), Map.of(), "\"etag\""),
                () -> store.get("k"),
                () -> store.get("k", "v1"),
                () -> store.list("spaces/"),
                () -> store.delete("k"));
        for (var call : calls) {
            EnhancerException e = assertThrows(EnhancerException.class, call);
            assertEquals(ErrorCode.Internal, e.code(), "a missing bucket is configuration, not an outage: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("[Internal]") && e.getMessage().contains("NoSuchBucket"), e.getMessage());
        }
    }

    @Test
    void aMissingKeyIsStillAnEmptyAnswerNotAnError() {
        assertEquals(Optional.empty(), store().get("spaces/none/nothing.json"));
    }
}
