package dev.jwkadapter.azure.standin;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.exception.ClientAuthenticationException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * A {@link TokenCredential} that hands out the stand-in's token (valid one hour) or, when built with
 * {@link #failing(String)}, fails as Entra ID would; it counts the calls and records the requested scopes.
 * Thread-safe.
 */
public final class StandInCredential implements TokenCredential {

    private final String token;
    private final String failure;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> scopes = new CopyOnWriteArrayList<>();

    private StandInCredential(String token, String failure) {
        this.token = token;
        this.failure = failure;
    }

    /** A credential that returns {@code token}. */
    public static StandInCredential returning(String token) {
        return new StandInCredential(token, null);
    }

    /** A credential that always fails with a {@link ClientAuthenticationException} carrying {@code message}. */
    public static StandInCredential failing(String message) {
        return new StandInCredential(null, message);
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        calls.incrementAndGet();
        scopes.addAll(request.getScopes());
        if (failure != null) {
            return Mono.error(new ClientAuthenticationException(failure, null));
        }
        return Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }

    /** How often a token was asked for. */
    public int calls() {
        return calls.get();
    }

    /** Every scope asked for, in order. */
    public List<String> scopes() {
        return List.copyOf(scopes);
    }
}
