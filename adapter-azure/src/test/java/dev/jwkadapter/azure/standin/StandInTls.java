package dev.jwkadapter.azure.standin;

import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import dev.jwkadapter.testing.SelfSignedTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The stand-in's TLS: one self-signed certificate for {@code 127.0.0.1} ({@link SelfSignedTls}, the JDK's
 * {@code keytool}) made at first use (once per test JVM), the server's {@link SSLContext}, and an azure-core {@link HttpClient}
 * (the JDK transport) that trusts exactly that certificate. Thread-safe.
 */
public final class StandInTls {

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
        SelfSignedTls tls = SelfSignedTls.issue("ip:127.0.0.1,dns:localhost");
        return new StandInTls(tls.server(), tls.trustingClient());
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
