package io.genieenhancer.sandbox.sql;

import io.genieenhancer.sandbox.sql.SqlLexer.Token;
import io.genieenhancer.sandbox.sql.TableInfo.ColumnInfo;
import io.genieenhancer.sandbox.sql.TableInfo.Kind;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * The sandbox's SQL warehouse: an in-memory H2 database per workspace, fed Databricks SQL through
 * {@link DatabricksSql}. Why H2: pure Java on Maven Central, in-memory, starts in milliseconds, and its
 * MySQL mode plus a thin rewrite covers the Databricks SQL the scenarios and the Genie use.
 *
 * <p>Queries are read-only: the warehouse serves the scenario's data, and nothing a client sends may
 * change the ground truth under a running evaluation.
 */
public final class SandboxDatabase implements AutoCloseable {

    /** Stops a runaway query (e.g. an accidental cross join) from hanging a request thread. */
    private static final int QUERY_TIMEOUT_SECONDS = 30;
    private static final Set<String> READ_ONLY_STARTS = Set.of("SELECT", "WITH", "VALUES", "TABLE", "SHOW", "DESCRIBE", "EXPLAIN");
    private static final DateTimeFormatter TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

    /**
     * The driver itself, not DriverManager: DriverManager only sees drivers of the caller's class loader, and
     * Quarkus tests run classes in their own loader (a sandbox started after a @QuarkusTest found "no suitable driver").
     */
    private static final org.h2.Driver DRIVER = new org.h2.Driver();

    private final String url;
    private final Connection keeper; // keeps the in-memory database alive until close()
    private final DatabricksSql dialect;

    private SandboxDatabase(String url, Connection keeper, DatabricksSql dialect) {
        this.url = url;
        this.keeper = keeper;
        this.dialect = dialect;
    }

    public static SandboxDatabase create(String catalog) {
        return create(catalog, Optional.empty());
    }

    /** @param today the scenario's snapshot date, which every query sees as the current date (see DatabricksSql) */
    public static SandboxDatabase create(String catalog, Optional<LocalDate> today) {
        String url = "jdbc:h2:mem:sandbox-" + UUID.randomUUID()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1"
                // words Databricks lets you use as aliases ("AS month") but H2 reserves
                + ";NON_KEYWORDS=DAY,HOUR,MINUTE,MONTH,SECOND,YEAR,VALUE,KEY,USER";
        try {
            return new SandboxDatabase(url, DRIVER.connect(url, new Properties()), new DatabricksSql(catalog, today));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the embedded H2 database", e);
        }
    }

    /** The pinned current date, when the scenario has one. */
    public Optional<LocalDate> today() {
        return dialect.today();
    }

    public DatabricksSql dialect() {
        return dialect;
    }

    /** Runs one DDL or DML statement written in Databricks SQL (scenario loading only). */
    public void execute(String databricksSql) throws SqlFailure {
        String h2 = translate(databricksSql);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(h2);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Creates the H2 schema behind {@code catalog.schema} (idempotent). */
    public void ensureSchema(String schema) throws SqlFailure {
        execute("CREATE SCHEMA IF NOT EXISTS `" + schema + "`");
    }

    /**
     * Inserts text values (empty or null = SQL NULL) into a table; H2 converts them to the column types.
     * Returns the 1-based index of the failing row inside the exception message when a value is invalid.
     */
    public void insert(String identifier, List<String> columns, List<List<String>> rows) throws SqlFailure {
        String table = translate(identifier);
        String sql = "INSERT INTO " + table + " (" + String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList())
                + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (int r = 0; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                for (int k = 0; k < columns.size(); k++) {
                    String v = row.get(k);
                    ps.setString(k + 1, v == null || v.isEmpty() ? null : v);
                }
                try {
                    ps.executeUpdate();
                } catch (SQLException e) {
                    c.rollback();
                    throw new SqlFailure("BAD_REQUEST", "row " + (r + 1) + ": " + firstLine(e.getMessage()), e.getSQLState());
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs a read-only query; at most {@code rowLimit} rows are kept ({@code truncated} says if more existed). */
    public QueryResult query(String databricksSql, int rowLimit) throws SqlFailure {
        String h2 = translate(databricksSql);
        String first = firstWord(databricksSql);
        if (!READ_ONLY_STARTS.contains(first)) {
            throw new SqlFailure("BAD_REQUEST",
                    "[NOT_SUPPORTED] the sandbox warehouse is read-only; statements must be queries, got " + (first.isEmpty() ? "nothing" : first),
                    "0A000");
        }
        if (hasSecondStatement(databricksSql)) {
            throw new SqlFailure("BAD_REQUEST", "[PARSE_SYNTAX_ERROR] only one statement can be run at a time", "42601");
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            s.setMaxRows(rowLimit + 1);
            try (ResultSet rs = s.executeQuery(h2)) {
                ResultSetMetaData md = rs.getMetaData();
                List<QueryResult.Column> cols = new ArrayList<>();
                for (int k = 1; k <= md.getColumnCount(); k++) {
                    String[] type = databricksType(md.getColumnType(k), md.getPrecision(k), md.getScale(k));
                    cols.add(new QueryResult.Column(md.getColumnLabel(k), type[0], type[1], k - 1));
                }
                List<List<String>> rows = new ArrayList<>();
                boolean truncated = false;
                while (rs.next()) {
                    if (rows.size() == rowLimit) {
                        truncated = true;
                        break;
                    }
                    List<String> row = new ArrayList<>(cols.size());
                    for (int k = 1; k <= cols.size(); k++) {
                        row.add(text(rs, k, md.getColumnType(k)));
                    }
                    rows.add(row);
                }
                return new QueryResult(cols, rows, truncated);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Every table in the warehouse, named {@code catalog.schema.table}, columns in table order. */
    public List<TableInfo> tables() {
        String sql = "SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema NOT IN ('information_schema') ORDER BY table_schema, table_name, ordinal_position";
        Map<String, List<ColumnInfo>> byTable = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String id = (dialect.catalog() + "." + rs.getString(1) + "." + rs.getString(2)).toLowerCase(Locale.ROOT);
                String type = rs.getString(4).toUpperCase(Locale.ROOT);
                byTable.computeIfAbsent(id, k -> new ArrayList<>())
                        .add(new ColumnInfo(rs.getString(3).toLowerCase(Locale.ROOT), type, kind(type)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the H2 catalog", e);
        }
        List<TableInfo> out = new ArrayList<>();
        byTable.forEach((id, cols) -> out.add(new TableInfo(id, cols)));
        return out;
    }

    /**
     * Indexes every column of every table. Databricks joins and filters fast without indexes; H2 scans
     * nested loops without them (a benchmark join of order lines and orders took ~40 ms instead of ~1 ms).
     * Scenario tables are small, so indexing all columns is cheap and needs nothing from the scenario.
     */
    public void indexEveryColumn() {
        int n = 0;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (TableInfo t : tables()) {
                String h2Table = translate(t.identifier());
                for (TableInfo.ColumnInfo col : t.columns()) {
                    s.execute("CREATE INDEX IF NOT EXISTS sandbox_idx_" + (n++) + " ON " + h2Table + " (\"" + col.name() + "\")");
                }
            }
        } catch (SQLException | SqlFailure e) {
            throw new IllegalStateException("cannot index the sandbox tables", e);
        }
    }

    /** Distinct non-null values of a column, sorted, at most {@code max} (entity matching's value dictionary). */
    public List<String> distinctValues(String identifier, String column, int max) {
        String sql = "SELECT DISTINCT `" + column + "` FROM " + identifier + " WHERE `" + column + "` IS NOT NULL ORDER BY 1 LIMIT " + max;
        try {
            return query(sql, max).rows().stream().map(r -> r.get(0)).toList();
        } catch (SqlFailure e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        try (Statement s = keeper.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already gone
        }
        try {
            keeper.close();
        } catch (SQLException ignored) {
            // already closed by SHUTDOWN
        }
    }

    private String translate(String databricksSql) throws SqlFailure {
        try {
            return dialect.toH2(databricksSql);
        } catch (SqlLexer.LexException e) {
            throw new SqlFailure("BAD_REQUEST", "[PARSE_SYNTAX_ERROR] " + e.getMessage(), "42601");
        }
    }

    private Connection connect() throws SQLException {
        return DRIVER.connect(url, new Properties());
    }

    private static SqlFailure failure(SQLException e) {
        return new SqlFailure("BAD_REQUEST", firstLine(e.getMessage()), e.getSQLState());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown SQL error";
        }
        int cut = message.indexOf("; SQL statement:");
        String m = cut > 0 ? message.substring(0, cut) : message;
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    private static String firstWord(String sql) {
        try {
            for (Token t : SqlLexer.tokenize(sql)) {
                if (t.isBlank() || t.isSymbol("(")) {
                    continue;
                }
                return t.kind() == SqlLexer.Kind.WORD ? t.text().toUpperCase(Locale.ROOT) : t.text();
            }
        } catch (SqlLexer.LexException e) {
            return "";
        }
        return "";
    }

    private static boolean hasSecondStatement(String sql) {
        try {
            return SqlLexer.splitStatements(sql).size() > 1;
        } catch (SqlLexer.LexException e) {
            return false;
        }
    }

    private static String text(ResultSet rs, int k, int sqlType) throws SQLException {
        Object v = rs.getObject(k);
        if (v == null) {
            return null;
        }
        return switch (sqlType) {
            case Types.DECIMAL, Types.NUMERIC -> ((BigDecimal) rs.getBigDecimal(k)).toPlainString();
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
                Timestamp ts = rs.getTimestamp(k);
                yield TIMESTAMP_FORMAT.format(ts.toLocalDateTime().atOffset(ZoneOffset.UTC));
            }
            case Types.BOOLEAN -> Boolean.toString(rs.getBoolean(k));
            default -> rs.getString(k);
        };
    }

    /** {type_name, type_text} in Databricks' vocabulary. */
    private static String[] databricksType(int sqlType, int precision, int scale) {
        return switch (sqlType) {
            case Types.TINYINT -> new String[] {"BYTE", "TINYINT"};
            case Types.SMALLINT -> new String[] {"SHORT", "SMALLINT"};
            case Types.INTEGER -> new String[] {"INT", "INT"};
            case Types.BIGINT -> new String[] {"LONG", "BIGINT"};
            case Types.DECIMAL, Types.NUMERIC -> new String[] {"DECIMAL", "DECIMAL(" + Math.min(precision, 38) + "," + Math.min(scale, 38) + ")"};
            case Types.DOUBLE, Types.FLOAT -> new String[] {"DOUBLE", "DOUBLE"};
            case Types.REAL -> new String[] {"FLOAT", "FLOAT"};
            case Types.BOOLEAN, Types.BIT -> new String[] {"BOOLEAN", "BOOLEAN"};
            case Types.DATE -> new String[] {"DATE", "DATE"};
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> new String[] {"TIMESTAMP", "TIMESTAMP"};
            default -> new String[] {"STRING", "STRING"};
        };
    }

    private static Kind kind(String h2Type) {
        if (h2Type.contains("CHAR") || h2Type.contains("CLOB") || h2Type.equals("ENUM")) {
            return Kind.TEXT;
        }
        if (h2Type.equals("DATE") || h2Type.startsWith("TIMESTAMP")) {
            return Kind.DATE;
        }
        if (h2Type.equals("BOOLEAN")) {
            return Kind.BOOLEAN;
        }
        if (h2Type.contains("INT") || h2Type.contains("NUMERIC") || h2Type.contains("DECIMAL") || h2Type.contains("DOUBLE")
                || h2Type.contains("REAL") || h2Type.contains("FLOAT")) {
            return Kind.NUMBER;
        }
        return Kind.OTHER;
    }
}
