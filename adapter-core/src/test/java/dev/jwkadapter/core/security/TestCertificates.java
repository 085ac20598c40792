package dev.jwkadapter.core.security;

import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.testing.TestKeys;
import dev.jwkadapter.testing.TestKeys.TestKey;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Self-signed test certificates (made once with {@code keytool -genkeypair}, valid for 100 years) and
 * their PKCS#8 private keys, standard base64 DER. For x5c tests only.
 */
final class TestCertificates {

    static final String RSA_CERT = ""
            + "MIIC5DCCAcygAwIBAgIJAN/aesReV6EfMA0GCSqGSIb3DQEBCwUAMB8xHTAbBgNVBAMTFGp3ay1hZGFwdGVyIHRlc3QgcnNh"
            + "MCAXDTI2MTEyOTA3NDkxNFoYDzIxMjYxMTA1MDc0OTE0WjAfMR0wGwYDVQQDExRqd2stYWRhcHRlciB0ZXN0IHJzYTCCASIw"
            + "DQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAKx71a6Bqdplto1B6+5CqvM/31/o2BMwl1HMjVbpdWViwChkbQdTBQm0BVl0"
            + "NUWjsMnJd7avzzPEnF8ZI2FVvTKpIz2fFEHbN8TxUkdTCFNyBjU9/OjoaiCNIBDOdh9zo7V8TFIQAf7YdS1zA6tOl5HqPJHY"
            + "7KkpYp0Y7wBSHtLTSHZ5Jf76ejl/d+yJ0mDmuS4NihithEFJgHfxQTgFr7sOP2IQS3ctg96i9+mmlR2Y3bvfLAobVpeUDPRZ"
            + "k0p0Vydt3yJfQQ8or/AtaajNAsZ4y4po9OiYI2mew/+Hd7qswERJw8oxU3cZLlO+Ne1FpELkXZONkv7alwPmrlu0YsMCAwEA"
            + "AaMhMB8wHQYDVR0OBBYEFGp0Wdns6/C9cBGFLpewEeJYXridMA0GCSqGSIb3DQEBCwUAA4IBAQA/FNfXuX1he1kjhY2MPK62"
            + "NWt9ZkH30s6KFWbLUxKR8UUF9W/l8FMmx4LoR6tErzpct4kIWQg7yhEn6vSPuTYqQgg88V7QaJ3hj3jmS9aO1YCG0+lpi4T7"
            + "Fi1gyFlnATKKcTqo964vj+VNgxfNP6SwzQ6MlbLU12TXzUgpGEL6KuHtyj4F0z9aJeuu1aPL8k2CEYUgbw/dFdvDl8QeWarz"
            + "mg4fQxbVMiiPesvVe8aIlZSDZ3FM63ixMwBPBeW7qQEeJ3N0bWGmt13YUXmPlnb67ECQN9mE3wgIhCmhkZ26lESYhQJcYs5h"
            + "2DYW+4T2TmxD7GBmjA8qzDckYCb1Tgfz";

    static final String RSA_KEY = ""
            + "MIIEuwIBADANBgkqhkiG9w0BAQEFAASCBKUwggShAgEAAoIBAQCse9WuganaZbaNQevuQqrzP99f6NgTMJdRzI1W6XVlYsAo"
            + "ZG0HUwUJtAVZdDVFo7DJyXe2r88zxJxfGSNhVb0yqSM9nxRB2zfE8VJHUwhTcgY1Pfzo6GogjSAQznYfc6O1fExSEAH+2HUt"
            + "cwOrTpeR6jyR2OypKWKdGO8AUh7S00h2eSX++no5f3fsidJg5rkuDYoYrYRBSYB38UE4Ba+7Dj9iEEt3LYPeovfpppUdmN27"
            + "3ywKG1aXlAz0WZNKdFcnbd8iX0EPKK/wLWmozQLGeMuKaPTomCNpnsP/h3e6rMBEScPKMVN3GS5TvjXtRaRC5F2TjZL+2pcD"
            + "5q5btGLDAgMBAAECggEAR2dKaeAGq0FBJdAc9fkGYQXXmJJBZQxQEE5gUpL6BPsw9mfAlPAi3UX3kvUfGpGtnZN4Kho06kbh"
            + "vyKeeWxvkvne+2MQFUVFnJOUTq+KelTxSfg760VPreMOW7bEwrdyFa77v1seIFyGgcajxbaW25J++Ze2PT9DMirAwj68wOSE"
            + "05O0EVHAhY4cR+al9cVU1nV3FpKZwTzisvE5fCFeacFtEmyB68NRfYBOojMNOsC+FSsD7qtxSyHSIHsoQP6o0MedOoq1EQsj"
            + "dcnTg0obD9X1oFUy+ViI1aatMxMJcfxmy3daKRnZcyofPvB43FGTljXcnUJvZfIeoAsGAAWkOQKBgQDmx45op2t72vrGdH56"
            + "FSMG2mEV8HBMvJTmC8JBJbN2X/UJP8SBa/ocdw9QtWKD6cI/aNqAI+0rHuTNIP6gsS35U67uyp/RP+Nmy/PzR4gMLFXs05lD"
            + "JVDCnp640K8kW0iVf78uwxr4JdFeVqaANBVeoFCP1+iTqyGgIhk5O8msuQKBgQC/VVsnDUpeNhH5MhP2D1DDC2MkKgjt+gjX"
            + "s2bOAsqGvQB9uHxyYJCdI44yq8nSRsf4hwJNWF/ecOJ+PIGHWpak3Z3PNQxIEDmrjIaitpxtAjuKWZO7MYvfFLouj3iKu5Er"
            + "N5nbjUZaD/lh3xRrKvUekV3nIhp/AUbBsMNPD1dlWwKBgDRjJnuxTZ/vBLBaL3/NHodmuVU+oG96+54BG1aolUWQ4NH5rMTo"
            + "Wv1tNYfPtQ5W2SaFydv+y87XE39RNxwJPHN1wKcqTf81LozeTYFzQnno8pRxMEBizyNu2H8BuFBbfG2bcy3NUmj0RMPSjbda"
            + "m2NApykQDRbAaUCtnOY2IUDZAn8Nc/L0y/pupV6eJudAZdNH44UVBd+a2/nDMNoJoiibUK64KECXyjJg2h8lcO6/2jo1P0jq"
            + "J0yWV1mVhquU2Mm+zdZKu3AhoQJtDXRp/G0DPSTylVnNz64GAW8V1wCiwI10fHRU+5n2uyjNuOG2p06U16PCnKNAStaux77z"
            + "0CBVAoGBAKmRRlkOr290MqrfMJck8/TcHxHGfdw0rSMRNuPCCPKj9vsNRya7ttd0pE2YCOeetzaNjotBKpUKqTspiqFBP6Zn"
            + "8J615z1o685ioAWzhQVMK1HB7NmtbAu53LYR1+PfsdZIK9LLkEr3qxLgNWxfLiuPpvPVO5Rtih4BFg9kTBCu";

    static final String EC_CERT = ""
            + "MIIBVTCB/KADAgECAgkA3C6bBTC5k10wCgYIKoZIzj0EAwIwHjEcMBoGA1UEAxMTandrLWFkYXB0ZXIgdGVzdCBlYzAgFw0y"
            + "NjExMjkwNzQ5MTdaGA8yMTI2MTEwNTA3NDkxN1owHjEcMBoGA1UEAxMTandrLWFkYXB0ZXIgdGVzdCBlYzBZMBMGByqGSM49"
            + "AgEGCCqGSM49AwEHA0IABKdj/8Z/ajhqEl3Lb+gMtAuOl0FGLlusxAi/rS6C8FOQuX5FL0gcHfjDg9eWiffnvls+yMzJE0mG"
            + "pmD+Vcn5ajajITAfMB0GA1UdDgQWBBSDXPElnuZ/2DD8c40umvHHnVSfQjAKBggqhkjOPQQDAgNIADBFAiA9C8i+PCL4kyHs"
            + "ogacXFTFSxTX58sQvx/6o2YHH6LOMQIhAIMOyQDMk6iy/pOOEtrfkij3Fck9Tuy/zUWZDUt1NVqO";

    static final String EC_KEY = ""
            + "MEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCAzxWz/oPe7grDiDjW4LXZggOQ49iEfa8zGUnY3TNPJeg==";

    private TestCertificates() {}

    static X509Certificate certificate(String base64) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSA certificate's key pair as a test key (kid {@code cert-rsa}). */
    static TestKey rsaKey() {
        return key("cert-rsa", RSA_CERT, RSA_KEY, "RSA", JwsAlgorithm.RS256);
    }

    /** The EC P-256 certificate's key pair as a test key (kid {@code cert-ec}). */
    static TestKey ecKey() {
        return key("cert-ec", EC_CERT, EC_KEY, "EC", JwsAlgorithm.ES256);
    }

    private static TestKey key(String kid, String cert, String pkcs8, String algorithm, JwsAlgorithm alg) {
        try {
            KeyPair pair = new KeyPair(certificate(cert).getPublicKey(), KeyFactory.getInstance(algorithm)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8))));
            return TestKeys.of(kid, pair, alg);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
