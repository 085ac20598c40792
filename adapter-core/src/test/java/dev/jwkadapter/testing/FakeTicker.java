package dev.jwkadapter.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A monotonic nanosecond ticker that moves only when a test says so, in place of {@code System::nanoTime}.
 * Starts at an arbitrary value (by default close to {@code Long.MAX_VALUE}, so code that compares
 * absolute tick values instead of differences breaks as soon as a test advances past the overflow).
 * Thread-safe.
 */
public final class FakeTicker implements LongSupplier {

    /** The default start: one hour before the {@code long} overflow. */
    public static final long DEFAULT_START = Long.MAX_VALUE - Duration.ofHours(1).toNanos();

    private final AtomicLong nanos;

    /** A ticker at {@link #DEFAULT_START}. */
    public FakeTicker() {
        this(DEFAULT_START);
    }

    /** A ticker at {@code start}. */
    public FakeTicker(long start) {
        this.nanos = new AtomicLong(start);
    }

    @Override
    public long getAsLong() {
        return nanos.get();
    }

    /** Moves forward by {@code d} (never backward: a monotonic clock). */
    public FakeTicker advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("a monotonic ticker never goes back");
        }
        nanos.addAndGet(d.toNanos());
        return this;
    }

    /** How far the ticker is past {@code earlier}, a value it returned before. */
    public Duration since(long earlier) {
        return Duration.ofNanos(nanos.get() - earlier);
    }

    @Override
    public String toString() {
        return "FakeTicker[" + nanos.get() + "]";
    }
}
