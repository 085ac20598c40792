/**
 * JWT claims, signing and validation (RFC 7519, RFC 8725).
 */
@NullMarked
package dev.jwkadapter.core.jwt;

import org.jspecify.annotations.NullMarked;
