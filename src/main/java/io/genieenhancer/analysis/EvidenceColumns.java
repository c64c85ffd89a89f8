package io.genieenhancer.analysis;

import io.genieenhancer.space.SpaceConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of the space's tables that the failures prove to exist: the configured ones plus every column the
 * expected SQL uses (the ground truth ran on the warehouse, or the question would not be a failure to fix). A space
 * lists only the columns it configures, so without this a fix on a real but unconfigured column (a synonym for
 * {@code qty}, entity matching on {@code status}) cannot be validated; pass it as the fix policy's schema:
 * {@code policy.withSchema(EvidenceColumns.of(space, failures))}.
 */
public final class EvidenceColumns {

    private EvidenceColumns() {
    }

    public static Map<String, Set<String>> of(SpaceConfig space, List<FailureEvidence> failures) {
        Tables tables = new Tables(space);
        for (FailureEvidence f : failures) {
            f.expectedSql().ifPresent(sql -> SqlFacts.learnColumns(SqlFacts.read(sql), tables));
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String id : tables.tableIds()) {
            out.put(tables.identifier(id), Set.copyOf(tables.columnsOf(id)));
        }
        return out;
    }
}
