package dev.jwkadapter.core.jwks;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects the java.util.logging records (System.Logger's default backend) of one logger. */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final boolean parents;
    private final List<LogRecord> records = new ArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.parents = logger.getUseParentHandlers();
        setLevel(Level.ALL);
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    /** Starts capturing the logger named {@code name}. */
    static LogCapture of(String name) {
        return new LogCapture(Logger.getLogger(name));
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** Messages logged at WARNING or above, formatted. */
    synchronized List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                out.add(r.getMessage());
            }
        }
        return out;
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(parents);
    }
}
