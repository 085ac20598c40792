package dev.jwkadapter.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import dev.jwkadapter.core.provider.KeyProviderException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.Exceptions;

class VaultErrorsTest {

    private static VaultErrors.Failure status(int status, String body) {
        return VaultErrors.fromStatus(status, new HttpHeaders(), VaultErrors.serviceCode(body),
                VaultErrors.Operation.SIGN, "k/v1", false, new RuntimeException(body));
    }

    @ParameterizedTest
    @CsvSource({"401, UNAUTHORIZED, false", "403, UNAUTHORIZED, false", "404, KEY_NOT_FOUND, false",
            "429, THROTTLED, true", "408, UNAVAILABLE, true", "500, UNAVAILABLE, true", "502, UNAVAILABLE, true",
            "503, UNAVAILABLE, true", "504, UNAVAILABLE, true", "501, UNAVAILABLE, false", "505, UNAVAILABLE, false",
            "400, FAILED, false", "409, FAILED, false"})
    void fromStatusWhenStatusThenReasonAndRetryability(int code, Reason reason, boolean retryable) {
        VaultErrors.Failure f = status(code, "{\"error\":{\"code\":\"X\",\"message\":\"m\"}}");

        assertThat(f.reason()).isEqualTo(reason);
        assertThat(f.retryable()).isEqualTo(retryable);
        assertThat(f.status()).isEqualTo("HTTP " + code + " X");
    }

    @Test
    void fromStatusWhen403ThenMessageNamesRoleAndPermission() {
        assertThat(status(403, "{\"error\":{\"code\":\"Forbidden\"}}").message())
                .contains("\"Key Vault Crypto User\"").contains("keys/sign").contains("keys/get");
        assertThat(VaultErrors.fromStatus(403, null, null, VaultErrors.Operation.GET, "k", true,
                new RuntimeException("")).message()).contains("\"Managed HSM Crypto User\"").contains("keys/get");
    }

    @ParameterizedTest
    @CsvSource({"KeyDisabled", "KeyExpired", "KeyNotYetValid"})
    void fromStatusWhen403WithLifecycleCodeThenKeyDisabled(String inner) {
        VaultErrors.Failure f = status(403, "{\"error\":{\"code\":\"Forbidden\",\"innererror\":{\"code\":\"" + inner
                + "\"}}}");

        assertThat(f.reason()).isEqualTo(Reason.KEY_DISABLED);
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void retryAfterWhenHeadersThenMillisecondsFirstThenSecondsThenDate() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        assertThat(VaultErrors.retryAfter(new HttpHeaders().set(HttpHeaderName.X_MS_RETRY_AFTER_MS, "150")
                .set(HttpHeaderName.RETRY_AFTER_MS, "300").set(HttpHeaderName.RETRY_AFTER, "9"), now))
                .isEqualTo(Duration.ofMillis(150));
        assertThat(VaultErrors.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER_MS, "300")
                .set(HttpHeaderName.RETRY_AFTER, "9"), now)).isEqualTo(Duration.ofMillis(300));
        assertThat(VaultErrors.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "2"), now))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(VaultErrors.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER,
                "Sun, 01 Mar 2026 10:00:05 GMT"), now)).isEqualTo(Duration.ofSeconds(5));
        assertThat(VaultErrors.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "-1"), now)).isNull();
        assertThat(VaultErrors.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "soon"), now)).isNull();
        assertThat(VaultErrors.retryAfter(new HttpHeaders(), now)).isNull();
    }

    @Test
    void classifyWhenTimeoutOrIoThenUnavailableAndRetryable() {
        VaultErrors.Failure timeout = VaultErrors.classify(Exceptions.propagate(new TimeoutException("t")),
                VaultErrors.Operation.SIGN, "k", false);
        VaultErrors.Failure io = VaultErrors.classify(new UncheckedIOException(new IOException("reset")),
                VaultErrors.Operation.LIST, "k", false);

        assertThat(timeout.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(timeout.retryable()).isTrue();
        assertThat(io.reason()).isEqualTo(Reason.UNAVAILABLE);
        assertThat(io.retryable()).isTrue();
    }

    @Test
    void classifyWhenCredentialFailsThenUnauthorizedNotRetried() {
        VaultErrors.Failure f = VaultErrors.classify(new ClientAuthenticationException("AADSTS7000215: bad secret",
                null), VaultErrors.Operation.SIGN, "k", false);

        assertThat(f.reason()).isEqualTo(Reason.UNAUTHORIZED);
        assertThat(f.retryable()).isFalse();
        assertThat(f.message()).contains("AADSTS7000215");
    }

    @Test
    void classifyWhenUnknownRuntimeExceptionThenFailedNotRetried() {
        VaultErrors.Failure f = VaultErrors.classify(new IllegalStateException("x"), VaultErrors.Operation.SIGN, "k",
                false);

        assertThat(f.reason()).isEqualTo(Reason.FAILED);
        assertThat(f.retryable()).isFalse();
    }
}
