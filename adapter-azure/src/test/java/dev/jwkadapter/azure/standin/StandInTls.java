package dev.jwkadapter.azure.standin;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
 * The stand-in's TLS: one self-signed certificate for {@code 127.0.0.1} made with the JDK's {@code keytool}
 * at first use (once per test JVM), the server's {@link SSLContext}, and an azure-core {@link HttpClient}
 * (the JDK transport) that trusts exactly that certificate. Thread-safe.
 */
public final class StandInTls {

    private static final char[] PASSWORD = "stand-in".toCharArray();
    private static volatile StandInTls shared;

    private final SSLContext server;
    private final SSLContext trustingClient;
    private final HttpClient httpClient;

    private StandInTls(SSLContext server, SSLContext trustingClient) {
        this.server = server;
        this.trustingClient = trustingClient;
        this.httpClient = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder()
                .sslContext(trustingClient).version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))).build();
    }

    /** The certificate and clients shared by every stand-in of this JVM. */
    public static StandInTls shared() {
        StandInTls t = shared;
        if (t == null) {
            synchronized (StandInTls.class) {
                t = shared;
                if (t == null) {
                    try {
                        t = issue();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException(e);
                    }
                    shared = t;
                }
            }
        }
        return t;
    }

    private static StandInTls issue() throws IOException, GeneralSecurityException {
        Path dir = Files.createTempDirectory("kv-stand-in");
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
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
        Files.deleteIfExists(dir);
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
        return new StandInTls(server, client);
    }

    /** For the {@code HttpsServer}. */
    public SSLContext serverContext() {
        return server;
    }

    /** A client context that trusts the stand-in's certificate only. */
    public SSLContext trustingClientContext() {
        return trustingClient;
    }

    /** An azure-core HTTP client (JDK transport, HTTP/1.1) that trusts the stand-in's certificate only. */
    public HttpClient httpClient() {
        return httpClient;
    }
}
