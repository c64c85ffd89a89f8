package io.genieenhancer.databricks;

/**
 * How the enhancer proves who it is to the workspace. {@code toString} never shows a secret: these values end up
 * in log lines and debuggers.
 */
sealed interface WorkspaceCredentials {

    /** {@code Authorization: Bearer <token>} with a personal access token. */
    record PersonalAccessToken(String token) implements WorkspaceCredentials {
        @Override
        public String toString() {
            return "PersonalAccessToken[token=***]";
        }
    }

    /** OAuth machine-to-machine: a service principal's client id and secret, exchanged for short-lived tokens. */
    record OAuthClientCredentials(String clientId, String clientSecret) implements WorkspaceCredentials {
        @Override
        public String toString() {
            return "OAuthClientCredentials[clientId=" + clientId + ", clientSecret=***]";
        }
    }
}
