package dev.jwkadapter.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate made with the JDK's own {@code keytool} (the JDK exposes no public
 * API to issue certificates), and the two TLS contexts tests need: the server's, and a client's that
 * trusts exactly this certificate. Shared by the JWKS tests and the Key Vault stand-in.
 */
public final class SelfSignedTls {

    private static final char[] PASSWORD = "changeit".toCharArray();

    private final SSLContext server;
    private final SSLContext trustingClient;

    private SelfSignedTls(SSLContext server, SSLContext trustingClient) {
        this.server = server;
        this.trustingClient = trustingClient;
    }

    /** True when {@code keytool} is next to the running {@code java}. */
    public static boolean available() {
        return Files.isExecutable(keytool());
    }

    private static Path keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool");
    }

    /**
     * Issues an EC P-256 certificate.
     *
     * @param san the subjectAltName, for example {@code ip:127.0.0.1} or {@code dns:other.example}
     */
    public static SelfSignedTls issue(String san) throws IOException, GeneralSecurityException {
        Path dir = Files.createTempDirectory("self-signed-tls");
        try {
            return issue(dir, san);
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    /**
     * Issues an EC P-256 certificate, working in {@code dir} (the key store file is removed afterwards).
     *
     * @param san the subjectAltName, for example {@code ip:127.0.0.1} or {@code dns:other.example}
     */
    public static SelfSignedTls issue(Path dir, String san) throws IOException, GeneralSecurityException {
        Path store = Files.createTempFile(dir, "tls", ".p12");
        Files.delete(store);
        List<String> cmd = List.of(keytool().toString(), "-genkeypair", "-alias", "server",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=jwks-test",
                "-ext", "SAN=" + san, "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        Files.deleteIfExists(store);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", ks.getCertificate("server"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        return new SelfSignedTls(server, client);
    }

    /** For {@code HttpsServer}. */
    public SSLContext server() {
        return server;
    }

    /** A client context that trusts this certificate only. */
    public SSLContext trustingClient() {
        return trustingClient;
    }

    /** An HTTP client like the library's default one, trusting this certificate only. */
    public HttpClient trustingHttpClient() {
        return HttpClient.newBuilder().sslContext(trustingClient).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }
}
