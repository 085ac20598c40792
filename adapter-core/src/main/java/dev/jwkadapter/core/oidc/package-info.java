/**
 * OpenID Connect discovery (OpenID Connect Discovery 1.0, RFC 8414).
 */
@NullMarked
package dev.jwkadapter.core.oidc;

import org.jspecify.annotations.NullMarked;
