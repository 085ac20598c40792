package dev.jwkadapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jwks.JwksUnavailableException;
import dev.jwkadapter.core.provider.KeyProviderException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorReportTest {

    @ParameterizedTest
    @EnumSource(value = KeyProviderException.Reason.class, names = {"UNAVAILABLE", "THROTTLED"})
    void ofWhenKeyStoreUnavailableThenExit3(KeyProviderException.Reason reason) {
        ErrorReport r = ErrorReport.of(new KeyProviderException(reason, "vault did not answer"));

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.line()).isEqualTo("error: " + reason + ": vault did not answer");
    }

    @ParameterizedTest
    @EnumSource(value = KeyProviderException.Reason.class, names = {"UNAVAILABLE", "THROTTLED"}, mode = EnumSource.Mode.EXCLUDE)
    void ofWhenKeyStoreRefusesThenExit5(KeyProviderException.Reason reason) {
        ErrorReport r = ErrorReport.of(new KeyProviderException(reason, "no"));

        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.code()).isEqualTo(reason.name());
    }

    @Test
    void ofWhenThrottledWithRetryAfterThenMessageSaysWhen() {
        ErrorReport r = ErrorReport.of(new KeyProviderException(KeyProviderException.Reason.THROTTLED, "slow down", null,
                Duration.ofSeconds(7)));

        assertThat(r.message()).isEqualTo("slow down (retry after 7 s)");
    }

    @Test
    void ofWhenJwkExceptionThenItsReasonAndExit4() {
        ErrorReport r = ErrorReport.of(new JwkException(JwkException.Reason.INVALID_KEY, "RSA modulus too short"));

        assertThat(r.line()).isEqualTo("error: INVALID_KEY: RSA modulus too short");
        assertThat(r.exitCode()).isEqualTo(4);
    }

    @Test
    void ofWhenJwksUnavailableThenKeysUnavailableExit3() {
        ErrorReport r = ErrorReport.of(new JwksUnavailableException("fetch timed out", null));

        assertThat(r.code()).isEqualTo("KEYS_UNAVAILABLE");
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void ofWhenIoFailureThenIoErrorExit4() {
        ErrorReport r = ErrorReport.of(new UncheckedIOException(new IOException("disk full")));

        assertThat(r.line()).isEqualTo("error: IO_ERROR: disk full");
        assertThat(r.exitCode()).isEqualTo(4);
    }

    @Test
    void ofWhenUnexpectedThenInternalExit70OnOneLine() {
        ErrorReport r = ErrorReport.of(new IllegalStateException("first\nsecond"));

        assertThat(r.code()).isEqualTo("INTERNAL");
        assertThat(r.exitCode()).isEqualTo(70);
        assertThat(r.line()).doesNotContain("\n").contains("IllegalStateException: first second", "--verbose");
    }

    @Test
    void ofWhenNoMessageThenClassName() {
        assertThat(ErrorReport.of(new NullPointerException()).message())
                .isEqualTo("NullPointerException (rerun with --verbose for details)");
    }
}
