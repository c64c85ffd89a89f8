package io.genieenhancer.databricks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The documented Databricks payloads under src/test/resources/databricks, shared by WireMock and parsing tests. */
final class Fixtures {

    private Fixtures() {
    }

    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/databricks/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T parse(String name, Class<T> type) {
        try {
            return DatabricksJson.MAPPER.readValue(read(name), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
