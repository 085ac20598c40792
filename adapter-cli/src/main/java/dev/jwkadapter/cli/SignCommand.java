package dev.jwkadapter.cli;

import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.JwtSigner;
import dev.jwkadapter.core.provider.KeyProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jwk-adapter sign}: a JWT signed with the key store's active key. */
@Command(name = "sign", sortOptions = false,
        description = {"Signs a JWT with the active key and prints it.",
                "Claims come from --claims, then --claim, then --iss/--sub/--aud/--exp (later ones win)."})
final class SignCommand implements Callable<Integer> {

    /** Token lifetime when neither {@code --exp} nor the claims give an expiry. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(10);

    @ParentCommand
    @Nullable JwkAdapterCommand root;

    @Spec
    @Nullable CommandSpec spec;

    @Mixin
    KeyAlgorithmOption keyAlgorithm = new KeyAlgorithmOption();

    @Option(names = "--iss", paramLabel = "ISSUER", description = "The issuer (iss).")
    @Nullable String issuer;

    @Option(names = "--sub", paramLabel = "SUBJECT", description = "The subject (sub).")
    @Nullable String subject;

    @Option(names = "--aud", paramLabel = "AUDIENCE", description = "An audience (aud); repeat for several.")
    @Nullable List<String> audiences;

    @Option(names = "--exp", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Lifetime: exp = now + DURATION, e.g. 30s, 10m, 1h, PT10M (default: 10m, unless the claims set exp).")
    @Nullable Duration lifetime;

    @Option(names = "--claim", paramLabel = "NAME=VALUE",
            description = "A claim; VALUE is JSON if it parses as JSON (42, true, [\"a\"], {\"k\":1}), else a string. Repeatable.")
    @Nullable List<String> claimPairs;

    @Option(names = "--claims", paramLabel = "JSON|@FILE|-",
            description = "Claims as a JSON object: inline, @file, or - for standard input.")
    @Nullable String claimsSource;

    @Option(names = "--typ", paramLabel = "TYPE", description = "The typ header (default: JWT), e.g. at+jwt.")
    @Nullable String type;

    @Override
    public Integer call() {
        JwkAdapterCommand r = Objects.requireNonNull(root);
        JwtClaims claims = claims(r);
        KeyProvider provider = r.provider(keyAlgorithm.algorithm);
        JwtSigner signer = JwtSigner.of(provider);
        if (type != null) {
            try {
                signer = signer.withType(type);
            } catch (IllegalArgumentException e) {
                throw usage("--typ: " + e.getMessage());
            }
        }
        r.out().println(signer.sign(claims));
        return ExitCodes.OK;
    }

    private JwtClaims claims(JwkAdapterCommand r) {
        JwtClaims.Builder b = JwtClaims.builder();
        boolean hasExpiry = false;
        if (claimsSource != null) {
            String text = Inputs.text(claimsSource, r.in(), "--claims");
            JwtClaims given;
            try {
                given = JwtClaims.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CliException("INVALID_JSON", "--claims must be a JSON object: " + withoutPrefix(e.getMessage()),
                        ExitCodes.BAD_INPUT, e);
            }
            for (Map.Entry<String, @Nullable Object> c : given.asMap().entrySet()) {
                set(b, c.getKey(), c.getValue(), "--claims");
            }
            hasExpiry = given.has("exp");
        }
        if (claimPairs != null) {
            for (String pair : claimPairs) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw usage("--claim needs NAME=VALUE, got '" + pair + "'");
                }
                String name = pair.substring(0, eq);
                String raw = pair.substring(eq + 1);
                Object value = CliJson.parseValue(raw).<Object>map(n -> n).orElse(raw);
                set(b, name, value, "--claim " + name);
                hasExpiry |= name.equals("exp");
            }
        }
        if (issuer != null) {
            b.issuer(issuer);
        }
        if (subject != null) {
            b.subject(subject);
        }
        if (audiences != null && !audiences.isEmpty()) {
            b.audience(audiences);
        }
        if (lifetime != null) {
            if (lifetime.isZero()) {
                throw usage("--exp must be longer than zero");
            }
            b.expiresIn(lifetime);
        } else if (!hasExpiry) {
            b.expiresIn(DEFAULT_LIFETIME);
        }
        return b.build();
    }

    private static void set(JwtClaims.Builder b, String name, @Nullable Object value, String what) {
        try {
            b.claim(name, value);
        } catch (IllegalArgumentException e) {
            throw new CliException("INVALID_CLAIM", what + ": " + e.getMessage(), ExitCodes.BAD_INPUT, e);
        }
    }

    private static String withoutPrefix(@Nullable String message) {
        String m = String.valueOf(message);
        return m.startsWith("claims: ") ? m.substring("claims: ".length()) : m;
    }

    private ParameterException usage(String message) {
        return new ParameterException(Objects.requireNonNull(spec).commandLine(), message);
    }
}
