package io.genieenhancer.evaluation;

import io.genieenhancer.databricks.ColumnInfo;
import io.genieenhancer.databricks.ResultData;
import io.genieenhancer.databricks.ResultManifest;
import io.genieenhancer.databricks.StatementResponse;
import io.genieenhancer.databricks.StatementState;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Turns a SUCCEEDED Statement Execution response (INLINE, JSON_ARRAY) into a {@link ResultSet}: columns
 * from the manifest in position order, rows from the first chunk and, while under the row cap, the
 * following chunks. Rows beyond the cap, chunks left unread and a server-side {@code truncated} all mark
 * the result truncated, which the comparator takes into account.
 */
final class StatementResults {

    private StatementResults() {
    }

    static ResultSet read(StatementResponse response, int rowCap, IntFunction<ResultData> chunk) {
        if (response.state() != StatementState.SUCCEEDED) {
            throw new IllegalArgumentException("statement " + response.statementId() + " is " + response.state());
        }
        Optional<ResultManifest> manifest = response.manifest();
        List<ColumnInfo> columns = new ArrayList<>(manifest.map(ResultManifest::columns).orElse(List.of()));
        columns.sort(Comparator.comparingInt(ColumnInfo::position));
        boolean truncated = manifest.map(ResultManifest::truncated).orElse(false);

        List<List<String>> rows = new ArrayList<>();
        Optional<ResultData> data = response.result();
        int chunksRead = 0;
        while (data.isPresent()) {
            chunksRead++;
            rows.addAll(data.get().dataArray());
            Optional<Integer> next = data.get().nextChunkIndex();
            if (next.isEmpty()) {
                break;
            }
            if (rows.size() >= rowCap) {
                truncated = true; // more chunks exist, not read
                break;
            }
            data = Optional.ofNullable(chunk.apply(next.get()));
        }
        if (rows.size() > rowCap) {
            rows = new ArrayList<>(rows.subList(0, rowCap));
            truncated = true;
        }
        List<String> names = columns.stream().map(ColumnInfo::name).toList();
        List<String> types = columns.stream().map(c -> c.typeName() == null ? "" : c.typeName()).toList();
        if (names.isEmpty() && !rows.isEmpty()) {
            // no manifest: name columns by position (names are ignored by the comparison anyway)
            List<String> generated = new ArrayList<>();
            for (int i = 0; i < rows.get(0).size(); i++) {
                generated.add("col" + (i + 1));
            }
            names = generated;
            types = List.of();
        }
        try {
            return new ResultSet(names, types, rows, truncated);
        } catch (IllegalArgumentException malformed) {
            throw new EnhancerException(ErrorCode.DatabricksUnavailable,
                    "statement " + response.statementId() + " returned a malformed result (" + malformed.getMessage()
                            + ", " + chunksRead + " chunk(s) read)");
        }
    }

    /** The first rows of a statement embedded in another answer (eval-run details): no further chunks are read. */
    static Optional<ResultPreview> preview(StatementResponse response) {
        if (response.state() != StatementState.SUCCEEDED) {
            return Optional.empty();
        }
        ResultSet firstChunk = read(response, ResultPreview.DEFAULT_ROWS, i -> null);
        long total = response.manifest().map(ResultManifest::totalRowCount).orElse((long) firstChunk.rowCount());
        return Optional.of(new ResultPreview(firstChunk.columns(), firstChunk.rows(),
                (int) Math.min(Integer.MAX_VALUE, Math.max(total, firstChunk.rowCount())), firstChunk.truncated()));
    }

    /** The server's explanation of a FAILED/CANCELED/CLOSED statement. */
    static String error(StatementResponse response) {
        String code = response.status().error().flatMap(e -> e.errorCode()).orElse("");
        String message = response.status().error().flatMap(e -> e.message()).orElse("");
        String text = (code + (code.isEmpty() || message.isEmpty() ? "" : ": ") + message).trim();
        return "statement " + response.state() + (text.isEmpty() ? "" : " (" + clip(text) + ")");
    }

    static String clip(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
