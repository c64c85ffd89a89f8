package io.genieenhancer.databricks;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkspaceSettingsTest {

    @Test
    void aBareHostBecomesAnHttpsUrlAndATrailingSlashIsDropped() {
        assertEquals(URI.create("https://adb-123.4.azuredatabricks.net"), WorkspaceSettings.baseUri("adb-123.4.azuredatabricks.net"));
        assertEquals(URI.create("https://dbc-1.cloud.databricks.com"), WorkspaceSettings.baseUri(" https://dbc-1.cloud.databricks.com/ "));
        assertEquals(URI.create("http://127.0.0.1:8089"), WorkspaceSettings.baseUri("http://127.0.0.1:8089"));
    }

    @Test
    void plainHttpIsRefusedBeyondTheLoopbackInterface() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WorkspaceSettings.baseUri("http://dbc-1.cloud.databricks.com"));
        assertEquals(true, e.getMessage().contains("must use https://"));
        assertThrows(IllegalArgumentException.class, () -> WorkspaceSettings.baseUri("ftp://dbc-1.cloud.databricks.com"));
        assertEquals(URI.create("http://localhost:9000"), WorkspaceSettings.baseUri("http://localhost:9000"));
    }

    @Test
    void aHostWithAPathOrNoHostIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> WorkspaceSettings.baseUri("https://dbc-1.cloud.databricks.com/api/2.0"));
        assertThrows(IllegalArgumentException.class, () -> WorkspaceSettings.baseUri("https://bad host"));
    }
}
