package dev.jwkadapter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Runs {@code jwk-adapter} in-process and captures what it prints. */
final class Cli {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * What a run printed.
     *
     * @param exitCode the exit code
     * @param out standard output
     * @param err standard error
     */
    record Result(int exitCode, String out, String err) {
        /** Standard output, parsed as JSON. */
        JsonNode json() {
            return parse(out);
        }
    }

    private Cli() {}

    /** Runs with empty standard input. */
    static Result run(String... args) {
        return runWithStdin("", args);
    }

    /** Runs with this standard input. */
    static Result runWithStdin(String stdin, String... args) {
        return runWithEnv(Map.of(), stdin, args);
    }

    /** Runs with this environment and standard input. */
    static Result runWithEnv(Map<String, String> env, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = JwkAdapterCommand.run(args, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), env);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs against the store in {@code dir}: {@code --dir dir} is added after the subcommand. */
    static Result inStore(Path dir, String command, String... args) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.add("--dir");
        all.add(dir.toString());
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    /** Signs with the store in {@code dir}; fails the test unless the command succeeds. */
    static String sign(Path dir, String... args) {
        Result r = inStore(dir, "sign", args);
        if (r.exitCode() != 0) {
            throw new AssertionError("sign failed: " + r);
        }
        return r.out().strip();
    }

    static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded header (part 0) or payload (part 1) of a compact token. */
    static JsonNode part(String token, int index) {
        String[] parts = token.split("\\.", -1);
        return parse(new String(Base64.getUrlDecoder().decode(parts[index]), StandardCharsets.UTF_8));
    }
}
