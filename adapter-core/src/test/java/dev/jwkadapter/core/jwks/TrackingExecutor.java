package dev.jwkadapter.core.jwks;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs background fetches on real threads and lets a test wait until all have finished, so a test
 * driven by a fake ticker can step time only once the cache is quiet.
 */
final class TrackingExecutor implements Executor, AutoCloseable {

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tracking-fetch");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    private int submitted;
    private int running;

    @Override
    public void execute(Runnable task) {
        synchronized (lock) {
            submitted++;
            running++;
        }
        pool.execute(() -> {
            try {
                task.run();
            } finally {
                synchronized (lock) {
                    running--;
                    lock.notifyAll();
                }
            }
        });
    }

    /** Tasks handed over so far. */
    int submitted() {
        synchronized (lock) {
            return submitted;
        }
    }

    /** Tasks not yet finished. */
    int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** Waits until no task runs; {@link AssertionError} after {@code timeout} (a hang). */
    void awaitIdle(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (running > 0) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(running + " fetches still running after " + timeout);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
