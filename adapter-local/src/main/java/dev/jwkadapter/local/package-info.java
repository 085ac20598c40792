/**
 * Local signing keys: {@link dev.jwkadapter.local.LocalKeyProvider} generates, imports, stores (PKCS#12),
 * rotates and retires keys in this process. Only {@code LocalKeyProvider} and its builder are API.
 */
@NullMarked
package dev.jwkadapter.local;

import org.jspecify.annotations.NullMarked;
