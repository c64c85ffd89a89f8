package io.genieenhancer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The mapper kinds differ where {@link JsonMappers} says they do, and no other product code builds one. */
class JsonMappersTest {

    record Doc(String name, Optional<String> note, Instant at) {
    }

    private static final String WITH_EXTRA = "{\"name\":\"a\",\"at\":\"2026-12-01T10:00:00Z\",\"later\":1}";

    @Test
    void storedDocumentsTolerateFieldsOfANewerVersionAndWriteInstantsAsText() throws Exception {
        Doc d = JsonMappers.storedDocuments().readValue(WITH_EXTRA, Doc.class);
        assertEquals(Instant.parse("2026-12-01T10:00:00Z"), d.at());
        assertTrue(JsonMappers.storedDocuments().writeValueAsString(d).contains("\"2026-12-01T10:00:00Z\""));
    }

    @Test
    void functionEventsRefuseAnUnknownFieldAndAFractionForACount() {
        assertThrows(UnrecognizedPropertyException.class, () -> JsonMappers.functionEvents().readValue(WITH_EXTRA, Doc.class));
        record Count(int n) {
        }
        assertThrows(Exception.class, () -> JsonMappers.functionEvents().readValue("{\"n\":1.9}", Count.class));
    }

    @Test
    void databricksWireLeavesAbsentValuesOutOfRequests() throws Exception {
        String json = JsonMappers.databricksWire().writeValueAsString(new Doc("a", Optional.empty(), null));
        assertEquals("{\"name\":\"a\"}", json);
    }

    @Test
    void evaluationDocumentsAreIndentedAndLeaveAbsentValuesOut() throws Exception {
        String json = JsonMappers.evaluationDocuments().writeValueAsString(new Doc("a", Optional.empty(), null));
        assertEquals("{\n  \"name\" : \"a\"\n}", json.replace("\r\n", "\n"));
    }

    @Test
    void untrustedTextIsRefusedBeyondItsNestingBound() {
        String deep = "[".repeat(10) + "]".repeat(10);
        assertThrows(StreamConstraintsException.class, () -> JsonMappers.untrusted(5, 1000).build().readTree(deep));
    }

    private static final Pattern BUILDS_A_MAPPER = Pattern.compile("new ObjectMapper\\s*\\(|JsonMapper\\.builder\\s*\\(");

    @Test
    void noProductCodeOutsideTheJsonPackageBuildsAMapperOfItsOwn() throws IOException {
        Path main = Path.of("src/main/java");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.startsWith(main.resolve("io/genieenhancer/json")))
                    .filter(p -> {
                        try {
                            return BUILDS_A_MAPPER.matcher(Files.readString(p)).find();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString).toList();
        }
        assertEquals(List.of(), offenders, "build mappers in json/JsonMappers (and say why they differ)");
    }
}
