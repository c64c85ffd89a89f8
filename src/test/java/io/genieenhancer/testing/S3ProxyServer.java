package io.genieenhancer.testing;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.auth.AuthenticationType;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

import java.net.URI;
import java.util.Properties;

/**
 * A real S3-compatible server (s3proxy, transient in-memory backend, which keeps versions) on
 * 127.0.0.1 and an ephemeral port, with one versioned bucket.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret";

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3ProxyServer(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    public static S3ProxyServer start(String bucket) {
        try {
            S3Proxy proxy = S3Proxy.builder().blobStore(BlobStores.create("transient", new Properties()))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            while (!proxy.getState().equals("STARTED")) {
                Thread.sleep(10);
            }
            S3ProxyServer server = new S3ProxyServer(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()));
            try (S3Client s3 = server.client()) {
                s3.createBucket(b -> b.bucket(bucket));
                s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
            }
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3proxy", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public S3Client client() {
        return client(UrlConnectionHttpClient.create());
    }

    /** A client over the given HTTP client (tests inject transport faults with it). */
    public S3Client client(SdkHttpClient http) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(http).build();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
