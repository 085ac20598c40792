package dev.jwkadapter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads command inputs (files, stdin) with a size limit and strict UTF-8; failures become {@link CliException}s. */
final class Inputs {

    /** Largest file or stdin input read, in bytes (a token is at most 256 KiB; a JWK Set far less). */
    static final int MAX_INPUT_BYTES = 1024 * 1024;

    private Inputs() {}

    /** The bytes of {@code file}, for the option {@code what} (named in messages). */
    static byte[] readFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new CliException("FILE_NOT_READABLE", what + " '" + file + "' is a directory, not a file", ExitCodes.BAD_INPUT);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return readLimited(in, what + " '" + file + "'");
        } catch (NoSuchFileException e) {
            throw new CliException("FILE_NOT_FOUND", what + " '" + file + "' does not exist", ExitCodes.BAD_INPUT, e);
        } catch (AccessDeniedException e) {
            throw new CliException("FILE_NOT_READABLE", what + " '" + file + "' is not readable (permission denied)", ExitCodes.BAD_INPUT, e);
        } catch (IOException e) {
            throw new CliException("FILE_NOT_READABLE", what + " '" + file + "' cannot be read: " + e.getMessage(), ExitCodes.BAD_INPUT, e);
        }
    }

    /** All of standard input, for {@code what} (named in messages). */
    static byte[] readStdin(InputStream stdin, String what) {
        try {
            return readLimited(stdin, what + " from standard input");
        } catch (IOException e) {
            throw new CliException("IO_ERROR", "cannot read " + what + " from standard input: " + e.getMessage(), ExitCodes.BAD_INPUT, e);
        }
    }

    /**
     * Text given as an option value: {@code -} reads standard input, {@code @path} reads a file, anything
     * else is the text itself.
     */
    static String text(String spec, InputStream stdin, String what) {
        if (spec.equals("-")) {
            return utf8(readStdin(stdin, what), what + " from standard input");
        }
        if (spec.startsWith("@")) {
            Path file = Path.of(spec.substring(1));
            return utf8(readFile(file, what), what + " '" + file + "'");
        }
        return spec;
    }

    /** Decodes strict UTF-8 (no malformed sequences). */
    static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CliException("INVALID_ENCODING", what + " is not valid UTF-8", ExitCodes.BAD_INPUT, e);
        }
    }

    private static byte[] readLimited(InputStream in, String what) throws IOException {
        byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new CliException("INPUT_TOO_LARGE", what + " is larger than " + MAX_INPUT_BYTES + " bytes", ExitCodes.BAD_INPUT);
        }
        return bytes;
    }
}
