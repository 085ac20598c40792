package dev.jwkadapter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base64UrlTest {

    @Test
    void encodeAndDecodeWhenRandomBytesOfEveryLengthThenMatchJdkAndRoundTrip() {
        Random random = new Random(4648);
        for (int len = 0; len <= 300; len++) {
            byte[] data = new byte[len];
            random.nextBytes(data);
            String encoded = Base64Url.encode(data);
            assertThat(encoded).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(data));
            assertThat(encoded).hasSize(Base64Url.encodedLength(len));
            assertThat(Base64Url.decode(encoded)).isEqualTo(data);
        }
    }

    @Test
    void encodeWhenOffsetAndLengthThenEncodesOnlyThatRange() {
        byte[] data = {1, 2, 3, 4, 5, 6, 7};
        assertThat(Base64Url.encode(data, 2, 3)).isEqualTo(Base64Url.encode(new byte[] {3, 4, 5}));
        assertThat(Base64Url.encode(data, 7, 0)).isEmpty();
    }

    @Test
    void decodeWhenRangeThenDecodesOnlyThatRange() {
        String s = "xx" + Base64Url.encode(new byte[] {(byte) 0xfb, (byte) 0xff}) + ".yy";
        assertThat(Base64Url.decode(s, 2, 5)).containsExactly(0xfb, 0xff);
        assertThat(Base64Url.decode(s, 3, 3)).isEmpty();
        assertThatExceptionOfType(Base64Url.InvalidBase64Exception.class).isThrownBy(() -> Base64Url.decode(s, 4, 3));
    }

    /** SECURITY-CASES B7: {@code Base64.getUrlDecoder()} accepts "AA==", "AAA=" and "QQ=="; we do not. */
    @ParameterizedTest
    @ValueSource(strings = {"AA==", "AAA=", "AA=", "=", "====", "AAAA====", "QQ=="})
    void decodeWhenPaddedThenRejected(String s) {
        assertThatExceptionOfType(Base64Url.InvalidBase64Exception.class).isThrownBy(() -> Base64Url.decode(s));
    }

    /** SECURITY-CASES B8: the JDK decodes "AB" as 00 and "Zh" as 66; so would a lenient verifier, allowing malleability. */
    @ParameterizedTest
    @ValueSource(strings = {"AB", "Zh", "AC", "AP", "AAB", "AAC", "AAD", "QR", "QUJ"})
    void decodeWhenFinalCharacterHasUnusedBitsSetThenRejected(String s) {
        assertThat(Base64.getUrlDecoder().decode(s)).isNotNull();
        assertThatExceptionOfType(Base64Url.InvalidBase64Exception.class).isThrownBy(() -> Base64Url.decode(s))
                .withMessageContaining("non-canonical");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AA", "AQ", "Zg", "AAA", "AAE", "QUI", "QUJD", ""})
    void decodeWhenCanonicalThenAccepted(String s) {
        assertThat(Base64Url.encode(Base64Url.decode(s))).isEqualTo(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A+BC", "A/BC", "AB C", " ABC", "ABC ", "AB\nC", "AB\tC", "AB.C", "ABé", "AB\u0000C", "AB*C", "AB?C",
            "AB#C", "A\uff21BC", "AB%3"})
    void decodeWhenCharacterOutsideUrlAlphabetThenRejected(String s) {
        assertThatExceptionOfType(Base64Url.InvalidBase64Exception.class).isThrownBy(() -> Base64Url.decode(s))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "AAAAA", "AAAAAAAAA"})
    void decodeWhenLengthIsOneModuloFourThenRejected(String s) {
        assertThatExceptionOfType(Base64Url.InvalidBase64Exception.class).isThrownBy(() -> Base64Url.decode(s))
                .withMessageContaining("1 modulo 4");
    }

    @Test
    void decodeWhenRejectedThenMessageDoesNotEchoTheInput() {
        String secret = "c2VjcmV0LXRva2Vu+c2VjcmV0";
        assertThatExceptionOfType(Base64Url.InvalidBase64Exception.class).isThrownBy(() -> Base64Url.decode(secret))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0"));
    }

    @Test
    void encodedLengthWhenSmallSizesThenUnpaddedLengths() {
        assertThat(Base64Url.encodedLength(0)).isZero();
        assertThat(Base64Url.encodedLength(1)).isEqualTo(2);
        assertThat(Base64Url.encodedLength(2)).isEqualTo(3);
        assertThat(Base64Url.encodedLength(3)).isEqualTo(4);
        assertThat(Base64Url.encodedLength(256)).isEqualTo(342);
    }
}
