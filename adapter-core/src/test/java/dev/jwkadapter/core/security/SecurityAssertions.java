package dev.jwkadapter.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidationException.Reason;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import dev.jwkadapter.testing.TestJwts;
import java.util.function.Supplier;

/**
 * Assertions for the security cases: a rejection must be exactly a {@link JwtValidationException}
 * (or {@link JwkException}) with the expected reason, and nothing else may escape.
 */
public final class SecurityAssertions {

    private SecurityAssertions() {}

    /** Something that may throw anything. */
    @FunctionalInterface
    public interface Action {
        /** Runs the action. */
        void run() throws Exception;
    }

    /**
     * Asserts that validating {@code token} throws exactly {@link JwtValidationException} with
     * {@code expected}; any other outcome (acceptance, another throwable) fails the test.
     */
    public static JwtValidationException assertRejected(JwtValidator validator, String token, Reason expected) {
        Throwable t = capture(() -> validator.validate(token));
        if (t == null) {
            return fail("expected rejection with " + expected + " but the token was accepted");
        }
        if (t.getClass() != JwtValidationException.class) {
            throw new AssertionError("expected JwtValidationException(" + expected + ") but got " + t, t);
        }
        JwtValidationException e = (JwtValidationException) t;
        assertThat(e.reason()).as("reason (message: %s)", e.getMessage()).isEqualTo(expected);
        return e;
    }

    /** Asserts that {@code token} is accepted and carries the default subject; any throwable fails the test. */
    public static VerifiedJwt assertAccepted(JwtValidator validator, String token) {
        VerifiedJwt jwt;
        try {
            jwt = validator.validate(token);
        } catch (Throwable t) {
            throw new AssertionError("expected acceptance but got " + t, t);
        }
        assertThat(jwt.claims().subject()).as("subject of the accepted token").contains(TestJwts.SUBJECT);
        return jwt;
    }

    /** Asserts {@code expected == null ? accepted : rejected with expected}. */
    public static void assertOutcome(JwtValidator validator, String token, Reason expected) {
        if (expected == null) {
            assertAccepted(validator, token);
        } else {
            assertRejected(validator, token, expected);
        }
    }

    /**
     * The outcome as a string: {@code "ACCEPTED"} or the reason name. Any throwable other than
     * {@link JwtValidationException} fails the test.
     */
    public static String outcome(JwtValidator validator, String token) {
        try {
            VerifiedJwt jwt = validator.validate(token);
            return "ACCEPTED:" + jwt.claims().subject().orElse("");
        } catch (JwtValidationException e) {
            if (e.getClass() != JwtValidationException.class) {
                throw new AssertionError("unexpected subclass " + e, e);
            }
            return e.reason().name();
        } catch (Throwable t) {
            throw new AssertionError("a throwable other than JwtValidationException escaped: " + t, t);
        }
    }

    /** Asserts that {@code action} throws exactly {@link JwkException} with {@code expected}. */
    public static JwkException assertJwkRejected(Action action, JwkException.Reason expected) {
        Throwable t = capture(action);
        if (t == null) {
            return fail("expected JwkException(" + expected + ") but nothing was thrown");
        }
        if (t.getClass() != JwkException.class) {
            throw new AssertionError("expected JwkException(" + expected + ") but got " + t, t);
        }
        JwkException e = (JwkException) t;
        assertThat(e.reason()).as("reason (message: %s)", e.getMessage()).isEqualTo(expected);
        return e;
    }

    /** Runs {@code supplier}, failing the test with the throwable if anything escapes. */
    public static <T> T noThrowable(Supplier<T> supplier) {
        try {
            return supplier.get();
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t, t);
        }
    }

    /** The throwable {@code action} throws, or {@code null}. Catches errors too. */
    public static Throwable capture(Action action) {
        try {
            action.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
