/**
 * The key provider SPI: where signing keys live, behind one interface.
 */
@NullMarked
package dev.jwkadapter.core.provider;

import org.jspecify.annotations.NullMarked;
