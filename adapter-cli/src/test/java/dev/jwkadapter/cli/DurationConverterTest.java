package dev.jwkadapter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @ParameterizedTest
    @CsvSource({"10m, PT10M", "1h, PT1H", "30s, PT30S", "500ms, PT0.5S", "2d, PT48H", "1h30m, PT1H30M",
            "PT10M, PT10M", "pt90s, PT1M30S", "0s, PT0S", "P1D, PT24H"})
    void convertWhenValidThenDuration(String text, String iso) {
        assertThat(new DurationConverter().convert(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "m", "10 m", "ten minutes", "1y", "-5m", "-PT5M", "PT", "1h-5m"})
    void convertWhenInvalidThenTypeConversionException(String text) {
        assertThatExceptionOfType(TypeConversionException.class).isThrownBy(() -> new DurationConverter().convert(text));
    }
}
