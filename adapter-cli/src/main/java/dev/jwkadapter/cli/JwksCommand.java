package dev.jwkadapter.cli;

import dev.jwkadapter.core.jwk.JwkSet;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code jwk-adapter jwks}: the public JWK Set, ready to serve at {@code /.well-known/jwks.json}. */
@Command(name = "jwks", sortOptions = false,
        description = "Prints the JWK Set of the key store: public members only (RFC 7517 §5).")
final class JwksCommand implements Callable<Integer> {

    @ParentCommand
    @Nullable JwkAdapterCommand root;

    @Mixin
    KeyAlgorithmOption keyAlgorithm = new KeyAlgorithmOption();

    @Option(names = "--compact", description = "One line of JSON instead of indented JSON.")
    boolean compact;

    @Override
    public Integer call() {
        JwkAdapterCommand r = Objects.requireNonNull(root);
        JwkSet jwks = r.provider(keyAlgorithm.algorithm).jwks();
        r.out().println(compact ? jwks.toJson() : jwks.toPrettyJson());
        return ExitCodes.OK;
    }
}
