package io.genieenhancer.databricks;

import java.net.URI;

/**
 * Where the workspace is and how to authenticate. {@code fromSecret}: some of it was read from Secrets Manager,
 * so after a 401 it is worth reading the secret again (it may have been rotated).
 */
record WorkspaceSettings(URI baseUri, WorkspaceCredentials credentials, boolean fromSecret) {

    /** Adds {@code https://} to a bare host and drops a trailing slash; tests and the sandbox pass {@code http://127.0.0.1:port}. */
    static URI baseUri(String host) {
        String h = host.trim();
        while (h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        if (!h.contains("://")) {
            h = "https://" + h;
        }
        URI uri;
        try {
            uri = URI.create(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the Databricks host is not a URL: " + host);
        }
        if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
            throw new IllegalArgumentException("the Databricks host must be a workspace URL such as "
                    + "https://adb-123.4.azuredatabricks.net (no path), was: " + host);
        }
        return uri;
    }
}
