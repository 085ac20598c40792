package dev.jwkadapter.azure.standin;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test inputs: our own files on the test classpath, and the shared fixtures and vectors found through the
 * {@code jwkadapter.shared.dir} system property (tests that need those skip, with a message, when it is absent).
 */
public final class SharedFiles {

    /** The system property surefire sets to the shared directory (absent in a user's clone). */
    public static final String PROPERTY = "jwkadapter.shared.dir";

    private SharedFiles() {}

    /** A file under the shared directory, or a skipped test when the directory or file is absent. */
    public static String shared(String relative) {
        String dir = System.getProperty(PROPERTY);
        assumeTrue(dir != null && !dir.isBlank(), "system property " + PROPERTY
                + " is not set (it points at the shared directory outside the repository); skipping");
        Path p = Path.of(dir).resolve(relative);
        assumeTrue(Files.isRegularFile(p), "shared file " + p + " is absent; skipping");
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource of this module's test classpath (must exist). */
    public static String resource(String path) {
        try (InputStream in = SharedFiles.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
