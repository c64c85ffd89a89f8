package io.genieenhancer.sandbox.sql;

/**
 * A statement the warehouse could not run. {@code errorCode} uses the Statement API's ServiceErrorCode
 * vocabulary (BAD_REQUEST for SQL errors); {@code sqlState} is the SQLSTATE when there is one.
 */
public final class SqlFailure extends Exception {
    private final String errorCode;
    private final String sqlState;

    public SqlFailure(String errorCode, String message, String sqlState) {
        super(message);
        this.errorCode = errorCode;
        this.sqlState = sqlState;
    }

    public String errorCode() {
        return errorCode;
    }

    public String sqlState() {
        return sqlState;
    }
}
