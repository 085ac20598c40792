package dev.jwkadapter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jwkadapter.core.jws.JwsAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SECURITY-CASES J1 and J2 with Wycheproof's {@code rsa_pkcs1_*_sig_gen} vectors: a key imported from
 * the vector's PKCS#1 PEM signs every {@code valid} message byte for byte as expected (RS256/384/512 are
 * deterministic), and the 1024-bit keys are refused on import. Skipped, with a message, when the
 * shared vectors are absent ({@code jwkadapter.shared.dir}); {@link LocalKeyProviderImportTest} covers
 * the same rules with keys of our own.
 */
class WycheproofRsaSigGenTest {

    @TempDir
    Path tmp;

    private static JsonNode vectors(int bits) throws IOException {
        String shared = System.getProperty("jwkadapter.shared.dir");
        assumeTrue(shared != null, "jwkadapter.shared.dir is not set: Wycheproof vectors skipped");
        Path file = Path.of(shared, "vectors", "wycheproof", "rsa_pkcs1_" + bits + "_sig_gen_test.json");
        assumeTrue(Files.isRegularFile(file), "Wycheproof vectors not found at " + file + ": skipped");
        return new ObjectMapper().readTree(file.toFile());
    }

    static Stream<Arguments> validGroups() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (int bits : new int[] {2048, 3072, 4096}) {
            String shared = System.getProperty("jwkadapter.shared.dir");
            if (shared == null || !Files.isRegularFile(Path.of(shared, "vectors", "wycheproof", "rsa_pkcs1_" + bits + "_sig_gen_test.json"))) {
                out.add(Arguments.of(bits, -1, JwsAlgorithm.RS256));
                continue;
            }
            JsonNode groups = vectors(bits).get("testGroups");
            for (int i = 0; i < groups.size(); i++) {
                JwsAlgorithm alg = algorithm(groups.get(i).get("sha").asText());
                boolean allValid = true;
                for (JsonNode t : groups.get(i).get("tests")) {
                    allValid &= "valid".equals(t.get("result").asText());
                }
                if (alg != null && allValid) {
                    out.add(Arguments.of(bits, i, alg));
                }
            }
        }
        return out.stream();
    }

    private static JwsAlgorithm algorithm(String sha) {
        switch (sha) {
            case "SHA-256": return JwsAlgorithm.RS256;
            case "SHA-384": return JwsAlgorithm.RS384;
            case "SHA-512": return JwsAlgorithm.RS512;
            default: return null;
        }
    }

    @ParameterizedTest(name = "{0} bits, group {1}, {2}")
    @MethodSource("validGroups")
    void signWhenImportedWycheproofKeyThenSignatureEqualsVector(int bits, int group, JwsAlgorithm alg) throws Exception {
        JsonNode g = vectors(bits).get("testGroups").get(group);
        Path pem = TestKeys.write(tmp, "key.pem", g.get("privateKeyPem").asText());
        LocalKeyProvider provider = LocalKeyProvider.builder().inMemory().algorithm(alg).importKey(pem).build();
        String kid = provider.activeKey().kid();
        HexFormat hex = HexFormat.of();
        int compared = 0;

        for (JsonNode t : g.get("tests")) {
            byte[] sig = provider.sign(kid, alg, hex.parseHex(t.get("msg").asText()));
            assertThat(hex.formatHex(sig)).as("tcId %s", t.get("tcId")).isEqualTo(t.get("sig").asText());
            compared++;
        }

        assertThat(compared).isEqualTo(g.get("tests").size()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(ints = {1024})
    void importKeyWhenWycheproof1024BitKeyThenRefused(int bits) throws Exception {
        JsonNode groups = vectors(bits).get("testGroups");

        for (JsonNode g : groups) {
            Path pem = TestKeys.write(tmp, "weak.pem", g.get("privateKeyPem").asText());
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> LocalKeyProvider.builder().inMemory().algorithm(JwsAlgorithm.RS256).importKey(pem).build())
                    .withMessageContaining("at least 2048");
        }
    }
}
