package dev.jwkadapter.cli;

/** The exit codes of {@code jwk-adapter}; stable, documented in the usage help. */
final class ExitCodes {

    /** Success. */
    static final int OK = 0;
    /** {@code verify}: the token is invalid (a validation reason of category INVALID_TOKEN). */
    static final int REJECTED = 1;
    /** Usage error: unknown option, bad option value, missing subcommand (picocli's default). */
    static final int USAGE = 2;
    /** Could not check or sign now: keys or key store unavailable or throttled; retry later. */
    static final int UNAVAILABLE = 3;
    /** Bad input: a missing or unreadable file, bad JSON, a bad JWK Set, bad claims. */
    static final int BAD_INPUT = 4;
    /** The key store refused the operation (wrong password, unknown or disabled key, unsupported algorithm …). */
    static final int KEY_STORE = 5;
    /** An unexpected internal error (a bug): rerun with --verbose and report it. */
    static final int INTERNAL = 70;

    private ExitCodes() {}
}
