package io.genieenhancer.store;

import io.genieenhancer.testing.S3ProxyServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void objectsCarryTheirHashInMetadataUnderThePrefix() {
        store().put("spaces/s9/x.json", b("hello"), Map.of());
        HeadObjectResponse head = s3.headObject(h -> h.bucket("runs").key("test/spaces/s9/x.json"));
        assertEquals(Hashes.sha256(b("hello")), head.metadata().get("sha256"));
    }
}
