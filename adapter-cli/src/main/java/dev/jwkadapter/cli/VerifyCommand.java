package dev.jwkadapter.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jwkadapter.core.jwk.Jwk;
import dev.jwkadapter.core.jwk.JwkException;
import dev.jwkadapter.core.jwk.JwkSet;
import dev.jwkadapter.core.jwks.JwksSource;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.jwt.JwtValidationException;
import dev.jwkadapter.core.jwt.JwtValidator;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jwk-adapter verify}: validates a token and prints its header and claims. */
@Command(name = "verify", sortOptions = false,
        description = {"Verifies a JWT (signature, exp/nbf/iat, iss, aud) and prints its header and claims.",
                "Keys come from the key store's JWK Set, or from --jwks FILE.",
                "A rejected token prints 'rejected: REASON: message' on standard error (exit 1, or 3 for KEYS_UNAVAILABLE)."})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    @Nullable JwkAdapterCommand root;

    @Spec
    @Nullable CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TOKEN",
            description = "The compact JWT; - or absent: read from standard input.")
    @Nullable String token;

    @Option(names = "--jwks", paramLabel = "FILE", description = "Trust the keys of this JWK Set file instead of the key store.")
    @Nullable Path jwksFile;

    @Option(names = "--iss", paramLabel = "ISSUER", description = "Accepted issuer; repeat for several (default: any issuer).")
    @Nullable List<String> issuers;

    @Option(names = "--aud", paramLabel = "AUDIENCE", description = "Accepted audience; repeat for several (default: any audience).")
    @Nullable List<String> audiences;

    @Option(names = "--alg", paramLabel = "ALG", split = ",",
            description = "Allowed algorithms, comma-separated: ${COMPLETION-CANDIDATES} (default: those of the trusted keys).")
    @Nullable List<JwsAlgorithm> algorithms;

    @Option(names = "--skew", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Clock skew for exp/nbf/iat, at most 10m (default: 60s).")
    @Nullable Duration skew;

    @Option(names = "--typ", paramLabel = "TYPE", description = "Required typ header, e.g. at+jwt (default: absent or JWT).")
    @Nullable String type;

    @Override
    public Integer call() {
        JwkAdapterCommand r = Objects.requireNonNull(root);
        PrintWriter err = r.err();
        String compact = readToken(r);
        JwkSet keys = trustedKeys(r);
        for (JwkSet.Rejected rejected : keys.rejected()) {
            err.println("warning: skipped JWK Set entry " + rejected.index()
                    + (rejected.kid() == null ? "" : " (kid " + rejected.kid() + ")")
                    + ": " + rejected.reason() + ": " + rejected.message());
        }
        Set<JwsAlgorithm> allowed = algorithms != null && !algorithms.isEmpty()
                ? EnumSet.copyOf(algorithms) : algorithmsOf(keys);
        if (allowed.isEmpty()) {
            throw new CliException("NO_USABLE_KEYS", "the JWK Set has no key usable for signatures"
                    + (jwksFile == null ? "" : " in --jwks '" + jwksFile + "'"), ExitCodes.BAD_INPUT);
        }
        JwtValidator.Builder b = JwtValidator.builder().jwks(JwksSource.of(keys)).algorithms(allowed);
        boolean anyIssuer = issuers == null || issuers.isEmpty();
        boolean anyAudience = audiences == null || audiences.isEmpty();
        if (anyIssuer) {
            b.anyIssuer();
        } else {
            b.issuers(issuers);
        }
        if (anyAudience) {
            b.anyAudience();
        } else {
            b.audiences(audiences);
        }
        if (skew != null) {
            b.clockSkew(skew);
        }
        if (type != null) {
            b.type(type);
        }
        JwtValidator validator;
        try {
            validator = b.build();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (anyIssuer) {
            err.println("note: issuer not checked (no --iss)");
        }
        if (anyAudience) {
            err.println("note: audience not checked (no --aud)");
        }
        VerifiedJwt jwt;
        try {
            jwt = validator.validate(compact);
        } catch (JwtValidationException e) {
            err.println("rejected: " + e.reason() + ": " + e.getMessage());
            return e.category() == JwtValidationException.Category.UNAVAILABLE ? ExitCodes.UNAVAILABLE : ExitCodes.REJECTED;
        }
        ObjectNode result = CliJson.object();
        result.set("header", CliJson.tree(jwt.header().toJson()));
        result.set("claims", CliJson.tree(jwt.claims().toJson()));
        r.out().println(CliJson.pretty(result));
        return ExitCodes.OK;
    }

    private String readToken(JwkAdapterCommand r) {
        String t = token == null || token.equals("-")
                ? Inputs.utf8(Inputs.readStdin(r.in(), "the token"), "the token from standard input")
                : token;
        t = t.strip();
        if (t.isEmpty()) {
            throw usage("no token: give it as an argument, or on standard input");
        }
        return t;
    }

    private JwkSet trustedKeys(JwkAdapterCommand r) {
        if (jwksFile == null) {
            return r.provider(null).jwks();
        }
        byte[] bytes = Inputs.readFile(jwksFile, "--jwks");
        try {
            return JwkSet.parse(bytes);
        } catch (JwkException e) {
            throw new CliException(e.reason().name(), "--jwks '" + jwksFile + "': " + e.getMessage(), ExitCodes.BAD_INPUT, e);
        }
    }

    /** Every algorithm some trusted key fits (its type, curve, and its alg member if any). */
    private static Set<JwsAlgorithm> algorithmsOf(JwkSet keys) {
        Set<JwsAlgorithm> algs = EnumSet.noneOf(JwsAlgorithm.class);
        for (Jwk k : keys.keys()) {
            for (JwsAlgorithm a : JwsAlgorithm.values()) {
                if (k.supports(a)) {
                    algs.add(a);
                }
            }
        }
        return algs;
    }

    private ParameterException usage(@Nullable String message) {
        return new ParameterException(Objects.requireNonNull(spec).commandLine(), String.valueOf(message));
    }
}
