package dev.jwkadapter.cli;

import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jwks.JwksUnavailableException;
import dev.jwkadapter.core.provider.KeyProviderException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * How a failure is shown: one line {@code error: CODE: message} and an exit code.
 *
 * @param code the stable reason code (the library's reason where there is one)
 * @param message what failed and what to do
 * @param exitCode the process exit code
 */
record ErrorReport(String code, String message, int exitCode) {

    /** Maps any failure of a command to its report; never loses the library's reason code. */
    static ErrorReport of(Throwable failure) {
        if (failure instanceof CliException) {
            CliException e = (CliException) failure;
            return new ErrorReport(e.code(), messageOf(e), e.exitCode());
        }
        if (failure instanceof KeyProviderException) {
            KeyProviderException e = (KeyProviderException) failure;
            boolean retryLater = e.reason() == KeyProviderException.Reason.UNAVAILABLE
                    || e.reason() == KeyProviderException.Reason.THROTTLED;
            String retry = e.retryAfter().map(d -> " (retry after " + d.toSeconds() + " s)").orElse("");
            return new ErrorReport(e.reason().name(), messageOf(e) + retry,
                    retryLater ? ExitCodes.UNAVAILABLE : ExitCodes.KEY_STORE);
        }
        if (failure instanceof JwkException) {
            JwkException e = (JwkException) failure;
            return new ErrorReport(e.reason().name(), messageOf(e), ExitCodes.BAD_INPUT);
        }
        if (failure instanceof JwksUnavailableException) {
            return new ErrorReport("KEYS_UNAVAILABLE", messageOf(failure), ExitCodes.UNAVAILABLE);
        }
        if (failure instanceof UncheckedIOException || failure instanceof IOException) {
            Throwable io = failure instanceof UncheckedIOException ? failure.getCause() : failure;
            return new ErrorReport("IO_ERROR", messageOf(io), ExitCodes.BAD_INPUT);
        }
        String m = failure.getMessage();
        return new ErrorReport("INTERNAL", failure.getClass().getSimpleName()
                + (m == null || m.isBlank() ? "" : ": " + messageOf(failure))
                + " (rerun with --verbose for details)", ExitCodes.INTERNAL);
    }

    /** The line printed on stderr. */
    String line() {
        return "error: " + code + ": " + message;
    }

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        // one line, whatever the exception carried
        return m.replace('\r', ' ').replace('\n', ' ').strip();
    }
}
