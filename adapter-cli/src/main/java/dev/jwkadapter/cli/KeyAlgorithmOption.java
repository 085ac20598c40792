package dev.jwkadapter.cli;

import dev.jwkadapter.core.jws.JwsAlgorithm;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --alg} after a subcommand that uses the key store: the key algorithm if the store is created
 * now. Not inherited from the root, because {@code verify --alg} means the allow-list there.
 */
final class KeyAlgorithmOption {

    @Option(names = "--alg", paramLabel = "ALG",
            description = "Key algorithm used when the store is created: ${COMPLETION-CANDIDATES} (default: ES256).")
    @Nullable JwsAlgorithm algorithm;
}
