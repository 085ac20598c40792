/**
 * JWS algorithms and headers (RFC 7515, RFC 7518).
 */
@NullMarked
package dev.jwkadapter.core.jws;

import org.jspecify.annotations.NullMarked;
