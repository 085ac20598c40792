/**
 * Implementation helpers shared by the jwk-adapter modules. Not API: may change in any release.
 */
@NullMarked
package dev.jwkadapter.core.internal;

import org.jspecify.annotations.NullMarked;
