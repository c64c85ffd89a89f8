package io.genieenhancer.llm;

import io.genieenhancer.databricks.DatabricksWorkspace;
import io.genieenhancer.databricks.SecretSource;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Optional;

/**
 * The configured chat client, if any (see {@link LlmEndpoints} for how it is chosen). Resolved on first use and
 * kept for the life of the container: a Lambda reads its key secret once per cold start.
 */
@ApplicationScoped
public class LlmClients {

    private static final Logger LOG = Logger.getLogger(LlmClients.class);

    @Inject
    LlmConfig config;

    @Inject
    ChatTransport transport;

    @Inject
    Instance<DatabricksWorkspace> workspace;

    @Inject
    Instance<SecretSource> secrets;

    private Optional<ChatClient> client;

    public synchronized Optional<ChatClient> client() {
        if (client == null) {
            LlmEndpoints.Resolution r = LlmEndpoints.resolve(LlmEndpoints.Settings.from(config), workspace(), this::secret);
            client = r.endpoint().map(e -> new OpenAiChatClient(e, transport, ChatSettings.from(config)));
            LOG.infof("%s%s", r.explanation(), r.endpoint().map(e -> ": " + e).orElse(""));
        }
        return client;
    }

    public LlmConfig config() {
        return config;
    }

    private String secret(String secretId) {
        if (!secrets.isResolvable()) {
            throw new EnhancerException(ErrorCode.LlmUnavailable, "no secret source to read " + secretId + " with");
        }
        return secrets.get().secretString(secretId);
    }

    private LlmEndpoints.Workspace workspace() {
        if (!workspace.isResolvable()) {
            return new LlmEndpoints.Workspace() {
                @Override
                public boolean configured() {
                    return false;
                }

                @Override
                public URI baseUri() {
                    throw new IllegalStateException("no Databricks workspace");
                }

                @Override
                public String authorizationHeader() {
                    throw new IllegalStateException("no Databricks workspace");
                }
            };
        }
        DatabricksWorkspace w = workspace.get();
        return new LlmEndpoints.Workspace() {
            @Override
            public boolean configured() {
                return w.configured();
            }

            @Override
            public URI baseUri() {
                return w.baseUri();
            }

            @Override
            public String authorizationHeader() {
                try {
                    return w.authorizationHeader();
                } catch (EnhancerException e) {
                    // e.g. the OAuth token endpoint is down or refuses the service principal
                    throw asLlmFailure(e);
                }
            }
        };
    }

    /** Credentials trouble while calling the LLM: transient Databricks trouble may pass (retried), the rest will not. */
    private static RuntimeException asLlmFailure(EnhancerException cause) {
        if (cause.code().retryable()) {
            return new TransientLlmFailure("Databricks credentials: " + cause.getMessage(), cause);
        }
        return new EnhancerException(ErrorCode.LlmUnavailable,
                "no credentials for the Databricks serving endpoint: " + cause.getMessage(), cause);
    }
}
