package dev.jwkadapter.core.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jwkadapter.testing.TestJwts;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtClaimsTest {

    private static final Instant NOW = TestJwts.NOW;

    @Test
    void builderWhenRegisteredClaimsSetThenTypedAccessors() {
        JwtClaims c = JwtClaims.builder().issuer("https://i.example").subject("s").audience("a").jwtId("j")
                .issuedAt(NOW).notBefore(NOW.minusSeconds(5)).expiresAt(NOW.plusSeconds(60)).build();
        assertThat(c.issuer()).contains("https://i.example");
        assertThat(c.subject()).contains("s");
        assertThat(c.audience()).containsExactly("a");
        assertThat(c.jwtId()).contains("j");
        assertThat(c.issuedAt()).contains(NOW);
        assertThat(c.notBefore()).contains(NOW.minusSeconds(5));
        assertThat(c.expiresAt()).contains(NOW.plusSeconds(60));
        assertThat(c.toJson()).isEqualTo("{\"iss\":\"https://i.example\",\"sub\":\"s\",\"aud\":\"a\",\"jti\":\"j\","
                + "\"iat\":1700000000,\"nbf\":1699999995,\"exp\":1700000060}");
    }

    @Test
    void audienceWhenSeveralValuesThenArrayAndWhenNoneThenRefused() {
        JwtClaims c = JwtClaims.builder().audience("a", "b").build();
        assertThat(c.toJson()).isEqualTo("{\"aud\":[\"a\",\"b\"]}");
        assertThat(c.audience()).containsExactly("a", "b");
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().audience(List.of()));
        assertThatNullPointerException().isThrownBy(() -> JwtClaims.builder().audience("a", null));
    }

    @Test
    void expiresInWhenBuiltThenExpAndIatFromTheClockAsWholeSeconds() {
        JwtClaims c = JwtClaims.builder().clock(java.time.Clock.fixed(NOW.plusMillis(999), java.time.ZoneOffset.UTC))
                .expiresIn(Duration.ofMinutes(10)).build();
        assertThat(c.toJson()).isEqualTo("{\"exp\":1700000600,\"iat\":1700000000}");
        JwtClaims keepIat = JwtClaims.builder().clock(TestJwts.CLOCK).issuedAt(NOW.minusSeconds(30))
                .expiresIn(Duration.ofSeconds(5)).build();
        assertThat(keepIat.issuedAt()).contains(NOW.minusSeconds(30));
        assertThat(keepIat.expiresAt()).contains(NOW.plusSeconds(5));
        JwtClaims explicit = JwtClaims.builder().clock(TestJwts.CLOCK).expiresIn(Duration.ofSeconds(5))
                .expiresAt(NOW.plusSeconds(99)).build();
        assertThat(explicit.expiresAt()).contains(NOW.plusSeconds(99));
        assertThat(explicit.has("iat")).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().expiresIn(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().expiresIn(Duration.ofSeconds(-1)));
    }

    @Test
    void claimWhenRegisteredClaimHasTheWrongTypeThenRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().claim("exp", "1700000000"));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().claim("nbf", 1.5));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().claim("iat", null));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().claim("iss", 5));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().claim("sub", List.of("a")));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().claim("jti", true));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().claim("aud", List.of("a", 1)));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().claim("aud", List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.builder().claim("x", new Object()));
        assertThat(JwtClaims.builder().claim("exp", NOW).build().expiresAt()).contains(NOW);
        assertThat(JwtClaims.builder().claim("exp", 1_700_000_000L).build().expiresAt()).contains(NOW);
        assertThat(JwtClaims.builder().claim("aud", List.of("a", "b")).build().audience()).containsExactly("a", "b");
    }

    @Test
    void claimsWhenCustomValuesThenPlainJavaAccessors() {
        Map<String, Object> custom = new LinkedHashMap<>();
        custom.put("tid", "tenant");
        custom.put("n", 42);
        custom.put("big", BigInteger.TEN.pow(20));
        custom.put("ok", true);
        custom.put("roles", List.of("a", "b"));
        custom.put("obj", Map.of("k", "v"));
        custom.put("nothing", null);
        JwtClaims c = JwtClaims.builder().claims(custom).build();
        assertThat(c.stringClaim("tid")).contains("tenant");
        assertThat(c.longClaim("n")).contains(42L);
        assertThat(c.longClaim("big")).isEmpty();
        assertThat(c.claim("big")).contains(BigInteger.TEN.pow(20));
        assertThat(c.booleanClaim("ok")).contains(true);
        assertThat(c.stringListClaim("roles")).containsExactly("a", "b");
        assertThat(c.stringListClaim("tid")).containsExactly("tenant");
        assertThat(c.stringListClaim("n")).isEmpty();
        assertThat(c.claim("obj")).contains(Map.of("k", "v"));
        assertThat(c.has("nothing")).isTrue();
        assertThat(c.claim("nothing")).isEmpty();
        assertThat(c.has("absent")).isFalse();
        assertThat(c.stringClaim("n")).isEmpty();
        assertThat(c.booleanClaim("tid")).isEmpty();
        assertThat(c.instantClaim("tid")).isEmpty();
        assertThat(c.names()).containsExactly("tid", "n", "big", "ok", "roles", "obj", "nothing");
        assertThat(c.asMap()).containsEntry("n", 42L).containsKey("nothing");
        assertThatThrownBy(() -> c.asMap().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parseWhenStrictJsonThenClaimsAndWhenNotThenIllegalArgument() {
        JwtClaims c = JwtClaims.parse("{\"iss\":\"x\",\"exp\":1700000000.25,\"aud\":[\"a\",1]}");
        assertThat(c.issuer()).contains("x");
        assertThat(c.expiresAt()).contains(Instant.ofEpochSecond(1_700_000_000L, 250_000_000));
        assertThat(c.audience()).isEmpty();
        assertThat(c.claim("exp")).contains(new BigDecimal("1700000000.25"));
        for (String bad : List.of("{\"a\":1,\"a\":2}", "[]", "{} x", "{'a':1}")) {
            assertThatIllegalArgumentException().isThrownBy(() -> JwtClaims.parse(bad));
        }
    }

    @Test
    void equalsWhenBuiltAndParsedFromTheSameJsonThenEqualWithEqualHashCodes() {
        JwtClaims built = JwtClaims.builder().clock(TestJwts.CLOCK).expiresIn(Duration.ofMinutes(1)).claim("small", 1)
                .claim("negative", -1L).claim("ratio", 0.25).claim("big", BigInteger.TEN.pow(25)).claim("list", List.of(1, 2.5))
                .build();
        JwtClaims parsed = JwtClaims.parse(built.toJson());
        assertThat(built).isEqualTo(parsed);
        assertThat(built.hashCode()).isEqualTo(parsed.hashCode());
    }

    @Test
    void equalsToStringAndPrettyJsonWhenComparedThenByContentAndNamesOnly() {
        JwtClaims a = JwtClaims.builder().subject("secret-subject").claim("email", "someone@example.com").build();
        JwtClaims b = JwtClaims.parse(a.toJson());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).isEqualTo("JwtClaims[sub, email]").doesNotContain("secret-subject");
        assertThat(JwtClaims.parse(a.toPrettyJson())).isEqualTo(a);
        assertThat(new String(a.toUtf8(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(a.toJson());
    }
}
