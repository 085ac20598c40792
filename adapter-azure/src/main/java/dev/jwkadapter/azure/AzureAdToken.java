package dev.jwkadapter.azure;

import dev.jwkadapter.azure.internal.AzureAdIssuers;
import dev.jwkadapter.core.jwt.JwtClaims;
import dev.jwkadapter.core.jwt.VerifiedJwt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Azure AD claims of a token that {@link AzureAdTokenValidator} accepted, read the way Microsoft's
 * "access tokens" page describes them. Immutable and thread-safe.
 *
 * <pre>{@code
 * AzureAdToken t = AzureAdToken.of(validator.validate(bearer));
 * if (!t.scopes().contains("Files.Read")) { ... 403 ... }
 * String userKey = t.principal().orElseThrow().key();   // tid/oid, never email or upn
 * }</pre>
 */
public final class AzureAdToken {

    private final VerifiedJwt jwt;

    private AzureAdToken(VerifiedJwt jwt) {
        this.jwt = jwt;
    }

    /** Wraps a verified token (from {@link AzureAdTokenValidator#validate(String)}). */
    public static AzureAdToken of(VerifiedJwt jwt) {
        return new AzureAdToken(Objects.requireNonNull(jwt, "jwt"));
    }

    /** The verified token. */
    public VerifiedJwt jwt() {
        return jwt;
    }

    /** The verified claims. */
    public JwtClaims claims() {
        return jwt.claims();
    }

    /** {@code tid}: the tenant the principal signed in to (the validator requires it). */
    public String tenantId() {
        return jwt.claims().stringClaim("tid").orElse("");
    }

    /** {@code oid}: the principal's object id in that tenant (user, or service principal for app tokens). */
    public Optional<String> objectId() {
        return jwt.claims().stringClaim("oid").filter(s -> !s.isEmpty());
    }

    /**
     * The stable principal key ({@code tid}, {@code oid}); empty when the token carries no {@code oid}.
     * Never key on email or user names (SECURITY-CASES H8).
     */
    public Optional<AzureAdPrincipal> principal() {
        String tid = tenantId();
        return objectId().filter(o -> !tid.isEmpty()).map(o -> new AzureAdPrincipal(tid, o));
    }

    /** The calling application's client id: {@code azp} (v2.0) or {@code appid} (v1.0). */
    public Optional<String> appId() {
        Optional<String> azp = jwt.claims().stringClaim("azp").filter(s -> !s.isEmpty());
        return azp.isPresent() ? azp : jwt.claims().stringClaim("appid").filter(s -> !s.isEmpty());
    }

    /** Delegated permissions: {@code scp} split on spaces (empty for app-only tokens). */
    public List<String> scopes() {
        Optional<String> scp = jwt.claims().stringClaim("scp");
        if (scp.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : scp.get().split(" ")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** App roles granted to the user or application: {@code roles} (empty when absent). */
    public List<String> roles() {
        return jwt.claims().stringListClaim("roles");
    }

    /** The token format, from {@code ver}. */
    public AzureAdTokenVersion version() {
        return AzureAdTokenVersion.fromClaim(jwt.claims().stringClaim("ver").orElse(""))
                .orElseThrow(() -> new IllegalStateException("not a token accepted by AzureAdTokenValidator: no valid ver"));
    }

    /** {@code idtyp} ("app" or "user") when the app registration asks for this optional claim. */
    public Optional<String> identityType() {
        return jwt.claims().stringClaim("idtyp");
    }

    /**
     * Whether this is an app-only token (client credentials): {@code idtyp} "app" when present, otherwise
     * the absence of {@code scp} (Microsoft's guidance for tokens without {@code idtyp}).
     */
    public boolean isAppOnly() {
        Optional<String> idtyp = identityType();
        return idtyp.map("app"::equals).orElseGet(() -> !jwt.claims().has("scp"));
    }

    /** Whether the token comes from a personal Microsoft account (the consumers tenant). */
    public boolean isPersonalAccount() {
        return AzureAdIssuers.MSA_TENANT_ID.equalsIgnoreCase(tenantId());
    }

    @Override
    public String toString() {
        return "AzureAdToken[ver=" + jwt.claims().stringClaim("ver").orElse("?") + ", scopes=" + scopes().size()
                + ", roles=" + roles().size() + "]";
    }
}
