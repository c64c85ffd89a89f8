package io.genieenhancer.evaluation;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first rows of a result, kept as evidence next to a failure so an analyser (or a person) can see
 * what Genie returned against what was expected without re-running anything.
 */
@RegisterForReflection
public record ResultPreview(List<String> columns, List<List<String>> rows, int rowCount, boolean truncated) {

    public static final int DEFAULT_ROWS = 10;

    public ResultPreview {
        columns = List.copyOf(columns);
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    public static ResultPreview of(ResultSet rs, int maxRows) {
        return new ResultPreview(rs.columns(), rs.rows().subList(0, Math.min(maxRows, rs.rowCount())), rs.rowCount(),
                rs.truncated());
    }

    public static ResultPreview of(ResultSet rs) {
        return of(rs, DEFAULT_ROWS);
    }
}
