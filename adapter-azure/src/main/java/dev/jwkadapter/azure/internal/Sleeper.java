package dev.jwkadapter.azure.internal;

import java.time.Duration;

/**
 * Monotonic time and waiting, as one seam: the retry loop measures its deadline with {@link #nanoTime()}
 * and waits with {@link #sleep(Duration)}, so tests can replace both and run backoff schedules without
 * waiting. Implementations are thread-safe.
 */
public interface Sleeper {

    /** A monotonic reading in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /**
     * Waits {@code duration} (returns at once for zero or negative durations).
     *
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link System#nanoTime()} and {@link Thread#sleep(long, int)}. */
    static Sleeper system() {
        return SystemSleeper.INSTANCE;
    }

    /** The real clock and sleep. */
    enum SystemSleeper implements Sleeper {
        /** The only instance. */
        INSTANCE;

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            if (duration.isNegative() || duration.isZero()) {
                return;
            }
            long nanos = duration.toNanos();
            Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
        }
    }
}
