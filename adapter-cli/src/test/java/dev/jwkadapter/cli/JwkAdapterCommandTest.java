package dev.jwkadapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jwkadapter.local.LocalKeyProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwkAdapterCommandTest {

    @TempDir
    Path tmp;

    @Test
    void runWhenUnknownOptionThenExit2WithOneUsageLine() {
        Cli.Result r = Cli.run("keys", "--bogus");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("error: USAGE: Unknown option: '--bogus'")
                .contains("Try 'jwk-adapter keys --help'")
                .doesNotContain("\tat ");
    }

    @Test
    void runWhenNoCommandThenExit2() {
        Cli.Result r = Cli.run();

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: USAGE: Missing command");
    }

    @Test
    void runWhenUnknownCommandThenExit2() {
        Cli.Result r = Cli.run("frobnicate");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: USAGE: Unmatched argument");
    }

    @Test
    void runWhenHelpThenListsCommandsExitCodesAndDefaultDirectory() {
        Cli.Result r = Cli.run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("keys", "jwks", "sign", "verify", "Exit codes:",
                "(default: " + LocalKeyProvider.DEFAULT_DIRECTORY + ")", LocalKeyProvider.PASSWORD_ENV);
    }

    @Test
    void runWhenSubcommandHelpThenItsOptionsAndInheritedOnes() {
        Cli.Result r = Cli.run("sign", "--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--claims", "--exp", "--dir", "--verbose");
    }

    @Test
    void runWhenVersionThenProjectVersion() {
        Cli.Result r = Cli.run("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("jwk-adapter 0.").doesNotContain("${");
    }

    @Test
    void runWhenDirBeforeSubcommandThenStoreCreatedThere() {
        Path dir = tmp.resolve("before");

        Cli.Result r = Cli.run("--dir", dir.toString(), "jwks");

        assertThat(r.exitCode()).isZero();
        assertThat(dir.resolve(LocalKeyProvider.STORE_FILE)).isRegularFile();
    }

    @Test
    void runWhenDirAfterSubcommandThenStoreCreatedThere() {
        Path dir = tmp.resolve("after");

        Cli.Result r = Cli.run("jwks", "--dir", dir.toString());

        assertThat(r.exitCode()).isZero();
        assertThat(dir.resolve(LocalKeyProvider.STORE_FILE)).isRegularFile();
    }

    @Test
    void runWhenProviderUnknownThenExit2() {
        Cli.Result r = Cli.run("--provider", "vault", "keys", "--dir", tmp.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: USAGE: Invalid value for option '--provider'");
    }

    @Test
    void runWhenKeyStoreCorruptThenOneErrorLineWithReasonAndNoStackTrace() throws Exception {
        Files.write(tmp.resolve(LocalKeyProvider.STORE_FILE), new byte[] {1, 2, 3, 4});
        Files.writeString(tmp.resolve(LocalKeyProvider.PASSWORD_FILE), "password-of-a-store-that-is-not-there");

        Cli.Result r = Cli.inStore(tmp, "keys");

        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).matches("error: FAILED: .+\\R").contains(LocalKeyProvider.STORE_FILE).doesNotContain("\tat ");
    }

    @Test
    void runWhenPasswordFromEnvironmentThenStoreOpensOnlyWithIt() {
        Map<String, String> right = Map.of(LocalKeyProvider.PASSWORD_ENV, "correct horse battery staple");
        Map<String, String> wrong = Map.of(LocalKeyProvider.PASSWORD_ENV, "wrong password");
        String dir = tmp.resolve("env").toString();

        Cli.Result created = Cli.runWithEnv(right, "", "jwks", "--dir", dir);
        Cli.Result reopened = Cli.runWithEnv(right, "", "jwks", "--dir", dir);
        Cli.Result refused = Cli.runWithEnv(wrong, "", "jwks", "--dir", dir);

        assertThat(created.exitCode()).isZero();
        assertThat(reopened.out()).isEqualTo(created.out());
        assertThat(tmp.resolve("env").resolve(LocalKeyProvider.PASSWORD_FILE)).doesNotExist();
        assertThat(refused.exitCode()).isEqualTo(5);
        assertThat(refused.err()).startsWith("error: UNAUTHORIZED: ").doesNotContain("wrong password", "\tat ");
    }

    @Test
    void runWhenVerboseThenStackTraceFollowsTheErrorLine() throws Exception {
        Files.write(tmp.resolve(LocalKeyProvider.STORE_FILE), new byte[] {1, 2, 3, 4});
        Files.writeString(tmp.resolve(LocalKeyProvider.PASSWORD_FILE), "password-of-a-store-that-is-not-there");

        Cli.Result r = Cli.inStore(tmp, "keys", "--verbose");

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).startsWith("error: ").contains("\tat ");
    }
}
