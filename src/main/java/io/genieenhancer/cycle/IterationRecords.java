package io.genieenhancer.cycle;

import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;
import io.genieenhancer.json.Json;
import io.genieenhancer.store.RunStore;

import java.util.Map;
import java.util.Optional;

/** Reads and writes {@link IterationRecord}s in the run store. */
public final class IterationRecords {

    private IterationRecords() {
    }

    public static Optional<IterationRecord> read(RunStore store, String key) {
        return store.get(key).map(c -> {
            try {
                return Json.read(c.content(), IterationRecord.class);
            } catch (RuntimeException e) {
                throw new EnhancerException(ErrorCode.Internal, key + " is not an iteration record: " + e.getMessage(), e);
            }
        });
    }

    public static void write(RunStore store, String key, IterationRecord record) {
        store.put(key, Json.bytes(record), Map.of("status", record.status().name()));
    }
}
