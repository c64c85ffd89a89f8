package io.genieenhancer.store;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Path;

/** Chooses the run store from configuration once per container. */
@ApplicationScoped
public class RunStoreProducer {

    private static final Logger LOG = Logger.getLogger(RunStoreProducer.class);

    @Produces
    @ApplicationScoped
    RunStore runStore(StoreConfig config, Instance<S3Client> s3) {
        String kind = config.kind().orElse(config.bucket().isPresent() ? "s3" : "local");
        RunStore store = switch (kind) {
            case "s3" -> new S3RunStore(s3.get(), config.bucket().orElseThrow(() -> new EnhancerException(
                    ErrorCode.InvalidInput, "enhancer.store.kind=s3 needs enhancer.store.bucket (ENHANCER_STORE_BUCKET)")),
                    config.prefix().orElse(""), config.kmsKeyId());
            case "local" -> new LocalRunStore(Path.of(config.localDir()));
            default -> throw new EnhancerException(ErrorCode.InvalidInput,
                    "enhancer.store.kind must be s3 or local, was " + kind);
        };
        LOG.infof("run store: %s", store.location());
        return store;
    }
}
