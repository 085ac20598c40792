package dev.jwkadapter.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.jwkadapter.core.provider.KeyProviderException;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VaultRetryTest {

    /** Virtual time only. */
    private static final class VirtualSleeper implements Sleeper {
        final AtomicLong now = new AtomicLong(42);

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void sleep(Duration d) {
            now.addAndGet(d.toNanos());
        }
    }

    private static RuntimeException ioFailure() {
        return new UncheckedIOException(new IOException("connection reset"));
    }

    @Test
    void executeWhenAlwaysFailingThenAtMostMaxAttempts() {
        VaultRetry retry = new VaultRetry(4, Duration.ofSeconds(1), Duration.ofMinutes(5), new VirtualSleeper(), false);
        AtomicInteger calls = new AtomicInteger();

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> retry.execute(VaultErrors.Operation.SIGN,
                "k", t -> {
                    calls.incrementAndGet();
                    throw ioFailure();
                })).satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.UNAVAILABLE));
        assertThat(calls.get()).isEqualTo(4);
    }

    @Test
    void executeWhenTimeoutLongerThanTimeLeftThenAttemptTimeoutCapped() {
        VirtualSleeper sleeper = new VirtualSleeper();
        VaultRetry retry = new VaultRetry(1, Duration.ofSeconds(10), Duration.ofSeconds(3), sleeper, false);

        Duration given = retry.execute(VaultErrors.Operation.SIGN, "k", t -> t);

        assertThat(given).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void executeWhenMaxAttemptsOutOfRangeThenRejected() {
        assertThatExceptionOfType(IllegalArgumentException.class)
                .isThrownBy(() -> new VaultRetry(5, Duration.ofSeconds(1), Duration.ofSeconds(1), Sleeper.system(), false));
    }

    @Test
    void executeWhenManyCallsKeepFailingThenRetriesBoundedByBudget() {
        VaultRetry retry = new VaultRetry(4, Duration.ofSeconds(1), Duration.ofMinutes(5), new VirtualSleeper(), false);
        AtomicInteger calls = new AtomicInteger();
        int offered = 200;

        for (int i = 0; i < offered; i++) {
            assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> retry.execute(
                    VaultErrors.Operation.SIGN, "k", t -> {
                        calls.incrementAndGet();
                        throw ioFailure();
                    }));
        }

        int retries = calls.get() - offered;
        assertThat(retries).isLessThanOrEqualTo((int) (VaultRetry.BUDGET_INITIAL + offered * VaultRetry.BUDGET_PER_CALL))
                .isLessThan(offered);
    }

    @Test
    void executeWhenNotRetryableThenOneAttempt() {
        VaultRetry retry = new VaultRetry(4, Duration.ofSeconds(1), Duration.ofMinutes(5), new VirtualSleeper(), false);
        AtomicInteger calls = new AtomicInteger();

        assertThatExceptionOfType(KeyProviderException.class).isThrownBy(() -> retry.execute(VaultErrors.Operation.SIGN,
                "k", t -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("bug");
                })).satisfies(e -> assertThat(e.reason()).isEqualTo(Reason.FAILED));
        assertThat(calls.get()).isEqualTo(1);
    }
}
