package io.genieenhancer.databricks;

import java.net.URI;

/**
 * Where the workspace is and how to authenticate. {@code fromSecret}: some of it was read from Secrets Manager,
 * so after a 401 it is worth reading the secret again (it may have been rotated).
 */
record WorkspaceSettings(URI baseUri, WorkspaceCredentials credentials, boolean fromSecret) {

    /**
     * Adds {@code https://} to a bare host and drops a trailing slash. Plain {@code http://} is refused except on
     * the loopback interface (tests and the sandbox): the token would cross the network in clear text.
     */
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
        if ("http".equalsIgnoreCase(uri.getScheme()) && !loopback(uri.getHost())) {
            throw new IllegalArgumentException("the Databricks host must use https:// (http:// would send the token in clear text), was: " + host);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("the Databricks host must be an https:// URL, was: " + host);
        }
        return uri;
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
    }
}
