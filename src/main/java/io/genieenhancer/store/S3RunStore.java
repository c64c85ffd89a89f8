package io.genieenhancer.store;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The run store in a versioned S3 bucket. Every object is written with server-side encryption and its
 * SHA-256 in the metadata ({@code x-amz-meta-sha256}); conditional writes use S3's
 * {@code If-None-Match: *} and {@code If-Match}.
 *
 * <p>Conditional writes are retry-safe. The SDK retries a PUT whose response was lost (an I/O error after
 * the object had landed: "Error writing request body to server"); the retry then fails its own
 * precondition (412), which would read as "someone else got there first" — a run would think it lost its
 * own lock or record. So each conditional write carries a fresh write id in its metadata, and after a
 * 412/409 the object is read back: our write id and hash mean the write was ours.
 */
public final class S3RunStore implements RunStore {

    static final String SHA_META = "sha256";
    /** One id per conditional write call, to recognise our own write after an SDK retry. */
    static final String WRITE_ID_META = "write-id";

    private static final Set<Integer> NONE_HANDLED = Set.of();
    private static final Set<Integer> NOT_FOUND = Set.of(404);
    private static final Set<Integer> NOT_FOUND_OR_BAD_VERSION = Set.of(404, 400);
    private static final Set<Integer> PRECONDITION = Set.of(412, 409);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final ServerSideEncryption sse;
    private final Optional<String> kmsKeyId;

    /**
     * @param prefix   key prefix inside the bucket ("" or ending with '/'), so one bucket can serve several stages
     * @param kmsKeyId when present, SSE-KMS with that key; otherwise SSE-S3 (AES256)
     */
    public S3RunStore(S3Client s3, String bucket, String prefix, Optional<String> kmsKeyId) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null || prefix.isEmpty() ? "" : (prefix.endsWith("/") ? prefix : prefix + "/");
        this.kmsKeyId = kmsKeyId;
        this.sse = kmsKeyId.isPresent() ? ServerSideEncryption.AWS_KMS : ServerSideEncryption.AES256;
    }

    @Override
    public StoredObject put(String key, byte[] content, Map<String, String> metadata) {
        return doPut(key, content, metadata, b -> b, NONE_HANDLED);
    }

    @Override
    public Optional<StoredObject> putIfAbsent(String key, byte[] content, Map<String, String> metadata) {
        return conditional(key, content, metadata, b -> b.ifNoneMatch("*"), Optional.empty());
    }

    @Override
    public Optional<StoredObject> putIfMatch(String key, byte[] content, Map<String, String> metadata, String expectedEtag) {
        return conditional(key, content, metadata, b -> b.ifMatch(expectedEtag), Optional.of(expectedEtag));
    }

    @Override
    public Optional<StoredContent> get(String key) {
        return doGet(key, null);
    }

    @Override
    public Optional<StoredContent> get(String key, String versionId) {
        return doGet(key, versionId);
    }

    @Override
    public void delete(String key) {
        call(key, () -> s3.deleteObject(b -> b.bucket(bucket).key(prefix + key)), NONE_HANDLED);
    }

    @Override
    public List<String> list(String keyPrefix) {
        return call(keyPrefix, () -> s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
                        .bucket(bucket).prefix(prefix + keyPrefix).build())
                .contents().stream().map(S3Object::key).map(k -> k.substring(prefix.length())).sorted().toList(), NONE_HANDLED);
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    private StoredObject doPut(String key, byte[] content, Map<String, String> metadata,
            UnaryOperator<PutObjectRequest.Builder> condition, Set<Integer> handled) {
        String sha = Hashes.sha256(content);
        Map<String, String> meta = new HashMap<>(metadata);
        meta.put(SHA_META, sha);
        PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(bucket).key(prefix + key)
                .contentType("application/json").serverSideEncryption(sse).metadata(meta);
        kmsKeyId.ifPresent(b::ssekmsKeyId);
        PutObjectResponse r = call(key, () -> s3.putObject(condition.apply(b).build(), RequestBody.fromBytes(content)), handled);
        return new StoredObject(key, r.versionId(), sha, r.eTag());
    }

    private Optional<StoredContent> doGet(String key, String versionId) {
        try {
            ResponseBytes<GetObjectResponse> bytes = call(key, () -> s3.getObjectAsBytes(GetObjectRequest.builder()
                    .bucket(bucket).key(prefix + key).versionId(versionId).build()), NOT_FOUND_OR_BAD_VERSION);
            GetObjectResponse r = bytes.response();
            byte[] content = bytes.asByteArray();
            Map<String, String> meta = new HashMap<>(r.metadata());
            meta.remove(SHA_META);
            meta.remove(WRITE_ID_META);
            return Optional.of(new StoredContent(new StoredObject(key, r.versionId(), Hashes.sha256(content), r.eTag()),
                    content, Map.copyOf(meta)));
        } catch (S3Exception e) {
            // a missing key or version, or a malformed version id, is "not found" for the caller, not an outage
            if (isMissingObject(e) || (versionId != null && e.statusCode() == 400)) {
                return Optional.empty();
            }
            throw failure(key, e);
        }
    }

    private Optional<StoredObject> conditional(String key, byte[] content, Map<String, String> metadata,
            UnaryOperator<PutObjectRequest.Builder> condition, Optional<String> expectedEtag) {
        String writeId = UUID.randomUUID().toString();
        Map<String, String> meta = new HashMap<>(metadata);
        meta.put(WRITE_ID_META, writeId);
        String sha = Hashes.sha256(content);
        try {
            return Optional.of(doPut(key, content, meta, condition, PRECONDITION));
        } catch (S3Exception e) {
            // 412: precondition failed; 409: a concurrent conditional write is in flight
            return head(key).flatMap(h -> ownWrite(key, h, writeId, sha));
        } catch (EnhancerException e) {
            if (!(e.getCause() instanceof SdkClientException)) {
                throw e;
            }
            // An I/O error: the outcome is unknown. A server that refuses the precondition may answer 412 before it
            // reads the body, and the client then reports "Error writing request body" instead of the 412.
            Optional<HeadObjectResponse> now = head(key);
            Optional<StoredObject> ours = now.flatMap(h -> ownWrite(key, h, writeId, sha));
            if (ours.isPresent()) {
                return ours;
            }
            boolean preconditionWouldFail = expectedEtag.isEmpty()
                    ? now.isPresent()
                    : now.isEmpty() || !stripQuotes(now.get().eTag()).equals(stripQuotes(expectedEtag.get()));
            if (preconditionWouldFail) {
                return Optional.empty();
            }
            throw e; // nothing was written and nothing changed: StoreUnavailable, retried by the caller
        }
    }

    private Optional<HeadObjectResponse> head(String key) {
        try {
            return Optional.of(call(key, () -> s3.headObject(b -> b.bucket(bucket).key(prefix + key)), NOT_FOUND));
        } catch (S3Exception e) {
            if (isMissingObject(e)) {
                return Optional.empty();
            }
            throw failure(key, e);
        }
    }

    private static String stripQuotes(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }

    /** The object {@code head} describes when it is the one this call wrote (an SDK retry lost the first answer). */
    private static Optional<StoredObject> ownWrite(String key, HeadObjectResponse head, String writeId, String sha) {
        Map<String, String> meta = head.metadata();
        return writeId.equals(meta.get(WRITE_ID_META)) && sha.equals(meta.get(SHA_META))
                ? Optional.of(new StoredObject(key, head.versionId(), sha, head.eTag()))
                : Optional.empty();
    }

    /**
     * Runs one S3 call. Every failure leaves as an {@link EnhancerException} with its code, except the statuses in
     * {@code handled}, which the calling method turns into an answer ("not found", "someone else wrote first"): no
     * raw SDK exception reaches a caller of the store, where it would fail a step without a {@code [Code]}.
     */
    private <T> T call(String key, java.util.function.Supplier<T> op, Set<Integer> handled) {
        try {
            return op.get();
        } catch (S3Exception e) {
            if (handled.contains(e.statusCode())) {
                throw e;
            }
            throw failure(key, e);
        } catch (SdkClientException e) {
            throw new EnhancerException(ErrorCode.StoreUnavailable, "run store unreachable for " + key + ": "
                    + e.getMessage(), e);
        }
    }

    private EnhancerException failure(String key, S3Exception e) {
        int status = e.statusCode();
        String detail = " (" + status + " " + errorCode(e) + ") on " + location() + key;
        if (status == 403) {
            return new EnhancerException(ErrorCode.AccessDenied, "run store refused access" + detail, e);
        }
        if (status >= 500 || status == 429 || status == 409 || status == 408) {
            return new EnhancerException(ErrorCode.StoreUnavailable, "run store error" + detail, e);
        }
        // any other 4xx (no such bucket, a rejected request): configuration, not weather; retrying will not help
        return new EnhancerException(ErrorCode.Internal, "run store rejected the request" + detail, e);
    }

    /** A 404 for the object or version, not for the bucket (NoSuchBucket is a configuration error). */
    private static boolean isMissingObject(S3Exception e) {
        return e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e));
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    }
}
