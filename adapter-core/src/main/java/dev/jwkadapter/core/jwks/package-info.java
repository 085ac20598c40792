/**
 * Sources of JWK Sets for validators.
 */
@NullMarked
package dev.jwkadapter.core.jwks;

import org.jspecify.annotations.NullMarked;
