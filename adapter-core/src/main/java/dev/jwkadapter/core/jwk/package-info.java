/**
 * JSON Web Keys (RFC 7517) and key sets: public keys only, checked when parsed.
 */
@NullMarked
package dev.jwkadapter.core.jwk;

import org.jspecify.annotations.NullMarked;
