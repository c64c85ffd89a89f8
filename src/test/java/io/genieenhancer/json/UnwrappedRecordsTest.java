package io.genieenhancer.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

/**
 * Wide stored documents and function outputs are grouped into small records and kept flat on the wire with
 * {@code @JsonUnwrapped}; this pins that the Jackson version in use writes and reads such records both ways.
 */
class UnwrappedRecordsTest {

    record Counts(int proposed, int applied) {
    }

    record Keys(String snapshotKey, String versionId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Outer(String status, @JsonUnwrapped Counts counts, @JsonUnwrapped Keys keys) {
    }

    @Test
    void aRecordWithUnwrappedRecordsIsWrittenFlat() {
        String json = new String(Json.bytes(new Outer("APPLIED", new Counts(3, 2), new Keys("k", "v1"))),
                StandardCharsets.UTF_8);
        assertEquals("{\"status\":\"APPLIED\",\"proposed\":3,\"applied\":2,\"snapshotKey\":\"k\",\"versionId\":\"v1\"}", json);
    }

    @Test
    void aFlatDocumentIsReadBackIntoTheGroups() {
        Outer read = Json.read("{\"status\":\"APPLIED\",\"proposed\":3,\"applied\":2,\"snapshotKey\":\"k\",\"versionId\":\"v1\"}"
                .getBytes(StandardCharsets.UTF_8), Outer.class);
        assertEquals(new Outer("APPLIED", new Counts(3, 2), new Keys("k", "v1")), read);
    }

    @Test
    void aGroupWhoseFieldsAreAllMissingIsReadAsEmptyValues() {
        Outer read = Json.read("{\"status\":\"RETRY\"}".getBytes(StandardCharsets.UTF_8), Outer.class);
        assertEquals(new Outer("RETRY", new Counts(0, 0), new Keys(null, null)), read);
    }
}
