package dev.jwkadapter.azure.aad;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our own Azure AD fixtures ({@code src/test/resources/aad/}, written in Azure's shape with test keys; see the
 * README there) and access to the captured documents in {@code ../shared/fixtures/azure-ad}.
 */
final class AadFixtures {

    /** The tenant of the single-tenant fixtures. */
    static final String TENANT = "3b6e4f1a-8c2d-4e7f-9a10-5d6c7b8a9e0f";
    /** Its verified domain (served by the stand-in as an alias of {@link #TENANT}). */
    static final String DOMAIN = "contoso.onmicrosoft.com";
    /** Another tenant (a customer of a multi-tenant app, or an attacker's tenant). */
    static final String OTHER = "c0ffee00-1234-4abc-8def-0123456789ab";
    /** The API's application (client) id. */
    static final String CLIENT = "5d3a7c2e-1f4b-4a6d-8e9c-0b1a2c3d4e5f";
    /** A calling client application. */
    static final String CALLER = "75dbe77f-10a3-4e59-85fd-8c127544f17c";
    /** The personal-account (MSA, consumers) tenant. */
    static final String MSA = "9188040d-6c67-4c5b-b112-36a304b66dad";

    /** Fixed "now" of the tests. */
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    /** A clock fixed at {@link #NOW}. */
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, TestKey> KEYS = new ConcurrentHashMap<>();

    private AadFixtures() {}

    /** A resource under {@code aad/} as text. */
    static String resource(String name) {
        try (InputStream in = AadFixtures.class.getClassLoader().getResourceAsStream("aad/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource aad/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A test signing key published in the JWKS fixtures: {@code aad-1}, {@code aad-2} (organizational keys),
     * {@code msa-1} (personal accounts), {@code app-1} (app-specific), {@code other-tenant-1} (bound to
     * {@link #OTHER}), {@code usgov-1} (cloud instance microsoftonline.us). Its kid is its x5t, as in Azure.
     */
    static TestKey key(String name) {
        return KEYS.computeIfAbsent(name, AadFixtures::loadKey);
    }

    private static TestKey loadKey(String name) {
        try {
            JsonNode k = JSON.readTree(resource("test-signing-keys.json")).path("keys").path(name);
            if (k.isMissingNode()) {
                throw new IllegalArgumentException("no test key " + name);
            }
            byte[] pkcs8 = Base64.getDecoder().decode(k.path("pkcs8").asText());
            KeyFactory f = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey priv = (RSAPrivateCrtKey) f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            KeyPair pair = new KeyPair(f.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent())), priv);
            return TestKeys.of(k.path("kid").asText(), pair, JwsAlgorithm.RS256);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The captured fixtures folder, if the shared folder is present (absent in a user's clone). */
    static Optional<Path> sharedAzureAd() {
        String dir = System.getProperty("jwkadapter.shared.dir");
        if (dir == null || dir.isBlank()) {
            return Optional.empty();
        }
        Path p = Paths.get(dir, "fixtures", "azure-ad");
        return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }

    /** A captured fixture as text; bare key arrays are wrapped as {@code {"keys": […]}}. */
    static String captured(Path dir, String name) {
        try {
            String text = Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
            return text.stripLeading().startsWith("[") ? "{\"keys\":" + text + "}" : text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(Objects.requireNonNull(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
