package dev.jwkadapter.cli;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failure the command reports as one line, {@code error: CODE: message}, with its exit code.
 *
 * <p>Codes are stable words in capitals ({@code FILE_NOT_FOUND}, {@code INVALID_JSON} …).
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int exitCode;

    CliException(String code, String message, int exitCode) {
        this(code, message, exitCode, null);
    }

    CliException(String code, String message, int exitCode, @Nullable Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.exitCode = exitCode;
    }

    String code() {
        return code;
    }

    int exitCode() {
        return exitCode;
    }
}
