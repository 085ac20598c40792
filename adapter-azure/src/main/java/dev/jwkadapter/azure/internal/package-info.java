/**
 * Internals of the Azure adapter: the Key Vault JSON Web Key mapping, error classification, the bounded
 * retry loop and the SDK calls. Not API: may change in any release.
 */
@NullMarked
package dev.jwkadapter.azure.internal;

import org.jspecify.annotations.NullMarked;
