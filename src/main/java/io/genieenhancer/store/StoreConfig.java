package io.genieenhancer.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** {@code enhancer.store.*}: where runs, snapshots and the lock live. */
@ConfigMapping(prefix = "enhancer.store")
public interface StoreConfig {

    /** {@code s3} or {@code local}; when unset: s3 if a bucket is configured, else local. */
    Optional<String> kind();

    /** The versioned run-store bucket (required in AWS). */
    Optional<String> bucket();

    /** Key prefix inside the bucket (none when unset). */
    Optional<String> prefix();

    /** SSE-KMS key; when unset objects are encrypted with SSE-S3. */
    Optional<String> kmsKeyId();

    /** Folder of the local run store. */
    @WithDefault("runs")
    String localDir();

    /** How long a run's lock on a space lasts without being released (a crashed run frees the space then). */
    @WithDefault("PT6H")
    java.time.Duration lockTtl();
}
