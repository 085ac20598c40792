/**
 * The {@code jwk-adapter} command: list keys, print the JWK Set, sign and verify tokens.
 *
 * <p>Parsing and printing only: every decision is made by {@code adapter-core} and the key providers.
 * The entry point is {@link dev.jwkadapter.cli.JwkAdapterCommand}.
 */
package dev.jwkadapter.cli;
