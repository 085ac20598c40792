package dev.jwkadapter.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.core.provider.KeyVersion;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two processes rotating in one key directory at the same time: the file lock keeps every key. */
class LocalKeyProviderProcessTest {

    private static final int ROTATIONS = 5;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void rotateWhenAnotherProcessRotatesConcurrentlyThenNoKeyIsLost() throws Exception {
        Path dir = tmp.resolve("shared");
        LocalKeyProvider here = LocalKeyProvider.builder().directory(dir).password("process-pw".toCharArray()).build();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RotatingProcess.class.getName(), dir.toString(),
                Integer.toString(ROTATIONS));
        pb.environment().put(LocalKeyProvider.PASSWORD_ENV, "process-pw");
        pb.redirectError(tmp.resolve("child.err").toFile());
        Process child = pb.start();
        List<String> created = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = child.getOutputStream()) {
            assertThat(out.readLine()).isEqualTo("ready");
            in.write('\n');
            in.flush();
            for (int i = 0; i < ROTATIONS; i++) {
                created.add(here.rotate().kid());
            }
            for (String line = out.readLine(); line != null && !line.equals("done"); line = out.readLine()) {
                created.add(line);
            }
        } finally {
            if (!child.waitFor(1, TimeUnit.MINUTES)) {
                child.destroyForcibly();
            }
        }

        assertThat(child.exitValue()).isZero();
        List<String> kids = LocalKeyProvider.builder().directory(dir).password("process-pw".toCharArray()).build()
                .keys().stream().map(KeyVersion::kid).collect(Collectors.toList());
        assertThat(created).hasSize(2 * ROTATIONS).doesNotHaveDuplicates();
        assertThat(kids).hasSize(2 * ROTATIONS + 1).containsAll(created);
        assertThat(here.keys().stream().map(KeyVersion::kid)).containsExactlyElementsOf(kids);
    }
}
