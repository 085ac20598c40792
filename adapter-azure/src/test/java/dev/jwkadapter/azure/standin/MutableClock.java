package dev.jwkadapter.azure.standin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A wall clock that moves only when a test says so; shared by a stand-in and the provider under test. Thread-safe. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    /** A clock at {@code start}. */
    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock at a fixed, whole-second instant. */
    public static MutableClock startingAt2026() {
        return new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    }

    /** Moves the clock by {@code d} (may be negative). */
    public MutableClock advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
        return this;
    }

    /** Sets the clock. */
    public void set(Instant t) {
        now.set(t);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
