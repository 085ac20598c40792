package dev.jwkadapter.azure;

import dev.jwkadapter.azure.internal.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Sleeper} whose waits take no real time: each wait is recorded and moves this sleeper's monotonic
 * reading forward (which otherwise follows {@link System#nanoTime()}, so real call durations still count).
 * Thread-safe.
 */
public final class FakeSleeper implements Sleeper {

    private final AtomicLong offset = new AtomicLong();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return System.nanoTime() + offset.get();
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        if (!duration.isNegative()) {
            offset.addAndGet(duration.toNanos());
        }
    }

    /** Every wait asked for, in order. */
    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** The waits added up. */
    public Duration total() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
