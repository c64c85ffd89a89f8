package io.genieenhancer.databricks;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects every log record of the application (root logger) while installed, with parameters and stack traces. */
final class CapturedLog extends Handler implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();

    static CapturedLog install() {
        CapturedLog log = new CapturedLog();
        log.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(log);
        return log;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getMessage());
        if (record.getParameters() != null) {
            for (Object p : record.getParameters()) {
                line.append(" | ").append(p);
            }
        }
        for (Throwable t = record.getThrown(); t != null; t = t.getCause() == t ? null : t.getCause()) {
            line.append(" | ").append(t);
        }
        lines.add(line.toString());
    }

    synchronized String text() {
        return String.join("\n", lines);
    }

    synchronized int size() {
        return lines.size();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
