package dev.jwkadapter.local;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second process for {@link LocalKeyProviderProcessTest}: opens the directory given as the first
 * argument (password from {@link LocalKeyProvider#PASSWORD_ENV}), prints {@code ready}, waits for a line
 * on standard input, rotates as often as the second argument says, printing each new kid, then prints
 * {@code done}.
 */
final class RotatingProcess {

    private RotatingProcess() {}

    public static void main(String[] args) throws Exception {
        LocalKeyProvider provider = LocalKeyProvider.builder().directory(Path.of(args[0])).build();
        int rotations = Integer.parseInt(args[1]);
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        for (int i = 0; i < rotations; i++) {
            System.out.println(provider.rotate().kid());
        }
        System.out.println("done");
        System.out.flush();
    }
}
