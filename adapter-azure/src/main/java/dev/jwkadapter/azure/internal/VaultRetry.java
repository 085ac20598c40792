package dev.jwkadapter.azure.internal;

import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The bounded retry loop around every Key Vault call.
 *
 * <ul>
 *   <li>At most {@code maxAttempts} (≤ {@link #MAX_ATTEMPTS}) attempts per call, each with a timeout of
 *       {@code min(callTimeout, time left)}, all inside the caller's {@code deadline}.</li>
 *   <li>Waits between attempts: the service's {@code x-ms-retry-after-ms} / {@code retry-after-ms} /
 *       {@code Retry-After} when present, else exponential backoff from {@link #BASE_BACKOFF} (doubling,
 *       ±5 % jitter, capped at {@link #MAX_BACKOFF}), as azure-core's {@code ExponentialBackoff}. A wait that
 *       would end past the deadline is not started: the call fails at once with the last reason.</li>
 *   <li>A 429 with a requested wait closes a gate shared by every call of this instance until the wait is over,
 *       so throttled callers do not keep hitting the vault.</li>
 *   <li>A retry budget: each first attempt earns {@link #BUDGET_PER_CALL} retry tokens (up to
 *       {@link #BUDGET_CAP}), each retry spends one, so under sustained failure retries stay below half the
 *       offered calls plus {@link #BUDGET_INITIAL} (no load amplification).</li>
 * </ul>
 * Thread-safe.
 */
public final class VaultRetry {

    /** Upper bound of attempts per call (1 + 3 retries), whatever the configuration says. */
    public static final int MAX_ATTEMPTS = 4;
    /** First backoff without a {@code Retry-After} (azure-core's default). */
    public static final Duration BASE_BACKOFF = Duration.ofMillis(800);
    /** Longest backoff without a {@code Retry-After}. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    /** Jitter applied to each backoff, as a fraction. */
    public static final double JITTER = 0.05;
    /** Retry tokens each first attempt earns. */
    public static final double BUDGET_PER_CALL = 0.5;
    /** Retry tokens at start. */
    public static final double BUDGET_INITIAL = 10;
    /** Most retry tokens held. */
    public static final double BUDGET_CAP = 100;

    private final int maxAttempts;
    private final Duration callTimeout;
    private final Duration deadline;
    private final Sleeper sleeper;
    private final boolean managedHsm;
    private final AtomicLong gateOpensAt;
    private final Object budgetLock = new Object();
    private double budget = BUDGET_INITIAL;

    /**
     * A retry loop.
     *
     * @param maxAttempts attempts per call, 1 to {@link #MAX_ATTEMPTS}
     * @param callTimeout the longest one attempt may take
     * @param deadline the longest a whole call (all attempts and waits) may take
     * @param sleeper time source and waits
     * @param managedHsm whether the vault is a Managed HSM (for messages)
     */
    public VaultRetry(int maxAttempts, Duration callTimeout, Duration deadline, Sleeper sleeper, boolean managedHsm) {
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("maxAttempts: must be 1 to " + MAX_ATTEMPTS);
        }
        this.maxAttempts = maxAttempts;
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.managedHsm = managedHsm;
        this.gateOpensAt = new AtomicLong(sleeper.nanoTime());
    }

    /**
     * Runs {@code call} (given the timeout for this attempt) until it returns, fails for good, or attempts or
     * time run out.
     *
     * @throws KeyProviderException with the reason of the last failure
     */
    public <T> T execute(VaultErrors.Operation op, String keyRef, Function<Duration, T> call) {
        long start = sleeper.nanoTime();
        long deadlineAt = start + deadline.toNanos();
        VaultErrors.Failure last = null;
        int attempts = 0;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            long now = sleeper.nanoTime();
            long gateWait = gateOpensAt.get() - now;
            if (gateWait > 0) {
                if (now + gateWait - deadlineAt >= 0) {
                    throw gateClosed(op, keyRef, last, attempts, Duration.ofNanos(gateWait));
                }
                sleep(Duration.ofNanos(gateWait), op, keyRef);
            }
            if (attempt == 1) {
                earn();
            } else if (!spend()) {
                throw Objects.requireNonNull(last).toException(" (gave up after " + attempts
                        + " attempt(s): the retry budget is spent, too many calls are failing)");
            }
            long left = deadlineAt - sleeper.nanoTime();
            if (left <= 0) {
                throw deadlineExceeded(op, keyRef, last, attempts);
            }
            Duration timeout = Duration.ofNanos(Math.min(callTimeout.toNanos(), left));
            attempts++;
            try {
                return call.apply(timeout);
            } catch (KeyProviderException e) {
                throw e;
            } catch (RuntimeException e) {
                last = VaultErrors.classify(e, op, keyRef, managedHsm);
                if (!last.retryable()) {
                    throw last.toException("");
                }
                if (attempt == maxAttempts) {
                    throw last.toException(" (gave up after " + attempts + " attempts)");
                }
                Duration wait = last.retryAfter() != null ? last.retryAfter() : backoff(attempt);
                long waitStart = sleeper.nanoTime();
                if (last.retryAfter() != null && last.reason() == Reason.THROTTLED) {
                    closeGate(waitStart + wait.toNanos());
                }
                if (waitStart + wait.toNanos() - deadlineAt >= 0) {
                    throw last.toException(" (gave up after " + attempts + " attempt(s): waiting "
                            + wait.toMillis() + " ms more would pass the " + deadline.toMillis() + " ms deadline)");
                }
                sleep(wait, op, keyRef);
            }
        }
        throw deadlineExceeded(op, keyRef, last, attempts);
    }

    /** The backoff before attempt {@code attempt + 1} when the service gave no wait: 0.8 s · 2^(attempt−1) ± 5 %, ≤ 8 s. */
    public static Duration backoff(int attempt) {
        long base = BASE_BACKOFF.toNanos() << Math.min(Math.max(attempt - 1, 0), 10);
        double jitter = 1 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * JITTER;
        long nanos = (long) (base * jitter);
        return Duration.ofNanos(Math.min(nanos, MAX_BACKOFF.toNanos()));
    }

    private void closeGate(long until) {
        gateOpensAt.accumulateAndGet(until, (a, b) -> b - a > 0 ? b : a);
    }

    private void earn() {
        synchronized (budgetLock) {
            budget = Math.min(BUDGET_CAP, budget + BUDGET_PER_CALL);
        }
    }

    private boolean spend() {
        synchronized (budgetLock) {
            if (budget >= 1) {
                budget -= 1;
                return true;
            }
            return false;
        }
    }

    private void sleep(Duration d, VaultErrors.Operation op, String keyRef) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyProviderException(Reason.UNAVAILABLE,
                    "interrupted while waiting to retry the Key Vault call for key " + keyRef, e);
        }
    }

    private KeyProviderException gateClosed(VaultErrors.Operation op, String keyRef, VaultErrors.@Nullable Failure last,
            int attempts, Duration wait) {
        return new KeyProviderException(Reason.THROTTLED, "Key Vault is throttling this client for another "
                + wait.toMillis() + " ms, longer than the " + deadline.toMillis() + " ms deadline allows; no request was"
                + " sent for key " + keyRef + " after " + attempts + " attempt(s)",
                last == null ? null : last.toException(""), wait);
    }

    private KeyProviderException deadlineExceeded(VaultErrors.Operation op, String keyRef,
            VaultErrors.@Nullable Failure last, int attempts) {
        if (last != null) {
            return last.toException(" (gave up after " + attempts + " attempt(s): the " + deadline.toMillis()
                    + " ms deadline passed)");
        }
        return new KeyProviderException(Reason.UNAVAILABLE, "the " + deadline.toMillis()
                + " ms deadline passed before Key Vault could be asked to " + op.permission() + " key " + keyRef);
    }

    @Override
    public String toString() {
        return "VaultRetry[maxAttempts=" + maxAttempts + ", callTimeout=" + callTimeout + ", deadline=" + deadline + "]";
    }
}
