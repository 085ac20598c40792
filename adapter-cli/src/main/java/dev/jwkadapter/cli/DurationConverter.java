package dev.jwkadapter.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option: {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}, {@code 500ms}, combinations
 * such as {@code 1h30m}, or ISO-8601 such as {@code PT10M}. Negative values are refused.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("(?:\\d{1,9}(?:ms|s|m|h|d))+");

    @Override
    public Duration convert(String value) {
        Duration d = parse(value.strip());
        if (d.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative; give a positive duration");
        }
        return d;
    }

    static Duration parse(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.startsWith("p") || v.startsWith("-p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(value);
            }
        }
        if (!WHOLE.matcher(v).matches()) {
            throw invalid(value);
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = switch (m.group(2)) {
                case "ms" -> total.plusMillis(n);
                case "s" -> total.plusSeconds(n);
                case "m" -> total.plusMinutes(n);
                case "h" -> total.plusHours(n);
                default -> total.plusDays(n);
            };
        }
        return total;
    }

    private static TypeConversionException invalid(String value) {
        return new TypeConversionException("'" + value + "' is not a duration: use e.g. 30s, 10m, 1h, 1h30m, 2d or PT10M");
    }
}
