package dev.jwkadapter.cli;

import dev.jwkadapter.core.jws.JwsAlgorithm;
import dev.jwkadapter.core.provider.KeyProvider;
import dev.jwkadapter.local.LocalKeyProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code jwk-adapter} command: the root of the {@code keys}, {@code jwks}, {@code sign} and
 * {@code verify} subcommands.
 *
 * <p>Options that pick the key store ({@code --dir}, {@code --provider}, {@code --verbose}) are
 * accepted before or after the subcommand. Failures are printed as one line on standard error,
 * {@code error: CODE: message} (or {@code rejected: REASON: message} for a token that {@code verify}
 * refuses), with a stable exit code; stack traces only with {@code --verbose}.
 *
 * <p>Run it in-process with {@link #run(String[], InputStream, PrintWriter, PrintWriter, Map)}.
 */
@Command(name = "jwk-adapter",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = JwkAdapterCommand.Version.class,
        sortOptions = false,
        description = {"Lists signing keys, prints the JWK Set, signs and verifies JWTs.",
                "Keys live in a local PKCS#12 store (--dir), created with a new key on first use."},
        subcommands = {KeysCommand.class, JwksCommand.class, SignCommand.class, VerifyCommand.class, HelpCommand.class},
        footerHeading = "%nEnvironment:%n",
        footer = {"  " + LocalKeyProvider.PASSWORD_ENV,
                "      Password of the local key store. Without it, a password is generated",
                "      into " + LocalKeyProvider.PASSWORD_FILE + " inside --dir on first use.",
                ""},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:verify: the token was rejected",
                "2:usage error: unknown option, bad option value, missing command",
                "3:keys or key store unavailable now (KEYS_UNAVAILABLE, UNAVAILABLE, THROTTLED); retry later",
                "4:bad input: missing or unreadable file, bad JSON, bad JWK Set, bad claims",
                "5:the key store refused: wrong password, unknown or disabled key, algorithm",
                "70:internal error; rerun with --verbose and report it"})
public final class JwkAdapterCommand implements Callable<Integer> {

    /** Where keys live; only {@code local} for now. */
    enum ProviderKind {
        /** A PKCS#12 store in {@code --dir}. */
        LOCAL
    }

    @Spec
    @Nullable CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".jwk-adapter", scope = ScopeType.INHERIT,
            description = "Local key store directory, relative to the current directory (default: ${DEFAULT-VALUE}).")
    Path directory = LocalKeyProvider.DEFAULT_DIRECTORY;

    @Option(names = "--alg", paramLabel = "ALG", defaultValue = "ES256",
            description = "Key algorithm used when the store is created: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    JwsAlgorithm keyAlgorithm = JwsAlgorithm.ES256;

    @Option(names = "--provider", paramLabel = "PROVIDER", defaultValue = "local", scope = ScopeType.INHERIT,
            description = "Where keys live: local (default).")
    ProviderKind providerKind = ProviderKind.LOCAL;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
    boolean verbose;

    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> env;

    private JwkAdapterCommand(InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** Runs the command with the process's streams and environment, then exits with its exit code. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
        int code = run(args, System.in, out, err, System.getenv());
        System.exit(code);
    }

    /**
     * Runs the command in-process.
     *
     * @param args the arguments after the program name
     * @param in standard input (tokens or claims given as {@code -})
     * @param out standard output: the result only
     * @param err standard error: errors, rejections, notes
     * @param env the environment (read for {@value LocalKeyProvider#PASSWORD_ENV})
     * @return the exit code (see {@code --help})
     */
    public static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {
        JwkAdapterCommand root = new JwkAdapterCommand(
                Objects.requireNonNull(in, "in"), Objects.requireNonNull(out, "out"),
                Objects.requireNonNull(err, "err"), Map.copyOf(env));
        CommandLine cl = new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                // "@file" is ours (--claims @file), not picocli's argument-file expansion
                .setExpandAtFiles(false)
                .setExecutionExceptionHandler(root::onExecutionException)
                .setParameterExceptionHandler(JwkAdapterCommand::onParameterException);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Runs the command in-process, reading standard input from {@code System.in}.
     *
     * @return the exit code
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return run(args, System.in, out, err, env);
    }

    /** Without a subcommand: a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(Objects.requireNonNull(spec).commandLine(),
                "Missing command: choose one of keys, jwks, sign, verify");
    }

    /** The key provider selected by the options; {@code keyAlgorithmOverride} wins over the root {@code --alg}. */
    KeyProvider provider(@Nullable JwsAlgorithm keyAlgorithmOverride) {
        JwsAlgorithm algorithm = keyAlgorithmOverride != null ? keyAlgorithmOverride : keyAlgorithm;
        return switch (providerKind) {
            case LOCAL -> {
                LocalKeyProvider.Builder b = LocalKeyProvider.builder().directory(directory).algorithm(algorithm);
                String password = env.get(LocalKeyProvider.PASSWORD_ENV);
                if (password != null && !password.isEmpty()) {
                    b.password(password.toCharArray());
                }
                yield b.build();
            }
        };
    }

    InputStream in() {
        return in;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    private int onExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        ErrorReport report = ErrorReport.of(ex);
        err.println(report.line());
        if (verbose) {
            ex.printStackTrace(err);
        }
        return report.exitCode();
    }

    private static int onParameterException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter w = cmd.getErr();
        w.println("error: USAGE: " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, w);
        w.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** {@code --version}: from the build's {@code version.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream s = JwkAdapterCommand.class.getResourceAsStream("version.properties")) {
                if (s != null) {
                    p.load(s);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return new String[] {"jwk-adapter " + p.getProperty("version", "unknown"),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"};
        }
    }
}
