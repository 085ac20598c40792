/**
 * Azure: Key Vault keys as a {@link dev.jwkadapter.core.provider.KeyProvider}, and Azure AD (Microsoft
 * Entra ID) discovery and token validation.
 */
@NullMarked
package dev.jwkadapter.azure;

import org.jspecify.annotations.NullMarked;
